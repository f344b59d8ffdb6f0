using ChargeBridge.Core.Control;
using ChargeBridge.Core.Site;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Every Home Assistant entity one loadpoint owns: the settings helpers it creates when missing (ranges and defaults
/// as users know them from V2G controllers) and the sensors it publishes. A named loadpoint's ids carry its name
/// (<c>sensor.chargebridge_garage_soc</c>); the site's single unnamed loadpoint keeps the ids without one
/// (<c>sensor.chargebridge_soc</c>), so dashboards made for one charger keep working. The tariff helpers and the net
/// price belong to the site and carry no loadpoint name.
/// </summary>
internal sealed class V2GEntities
{
    /// <summary>The option texts of the charge-mode select, as users see them (first: the helpers below use them).</summary>
    public static readonly IReadOnlyDictionary<ChargeMode, string> ModeNames = new Dictionary<ChargeMode, string>
    {
        [Core.Control.ChargeMode.Automatic] = "Automatic",
        [Core.Control.ChargeMode.MaxBoostNow] = "Max boost now",
        [Core.Control.ChargeMode.MaxDischargeNow] = "Max discharge now",
        [Core.Control.ChargeMode.Pause] = "Pause",
        [Core.Control.ChargeMode.SolarOnly] = "Solar only",
        [Core.Control.ChargeMode.MinPlusSolar] = "Min + solar",
        [Core.Control.ChargeMode.PowerTheHouse] = "Power the house (V2H)",
        [Core.Control.ChargeMode.ChargeFromExport] = "Charge from export (S2V)",
        [Core.Control.ChargeMode.ZeroGrid] = "Zero grid (V2H + S2V)",
    };

    /// <summary>Added to the market price per kWh before VAT (supplier margin, energy tax); 0 when the integration includes it.</summary>
    public static readonly HelperDefinition PriceMarkup = HelperDefinition.InputNumber("ChargeBridge price markup", -0.5, 1, 0.0001, "EUR/kWh", "box", 0);
    /// <summary>VAT on market price plus markup; 0 when the integration's prices already include it.</summary>
    public static readonly HelperDefinition Vat = HelperDefinition.InputNumber("ChargeBridge VAT", 0, 50, 0.1, "%", "box", 0);
    /// <summary>Net price now (EUR/kWh, markup and VAT included); attribute <c>prices</c> is the series as {time, value}.</summary>
    public const string NetPrice = "sensor.chargebridge_net_price";

    /// <summary>The entities of the site's single, unnamed loadpoint.</summary>
    public static readonly V2GEntities Default = new(LoadpointName.Unnamed);

    public V2GEntities(LoadpointName loadpoint)
    {
        Loadpoint = loadpoint;
        var name = loadpoint.IsUnnamed ? "ChargeBridge" : "ChargeBridge " + loadpoint.Value;
        ChargeMode = HelperDefinition.InputSelect(
            name + " charge mode", [.. ModeNames.Values], ModeNames[Core.Control.ChargeMode.Automatic], "mdi:ev-station");
        MinSoc = HelperDefinition.InputNumber(name + " min SoC", 10, 55, 1, "%", initial: 20);
        MaxSoc = HelperDefinition.InputNumber(name + " max SoC", 60, 95, 1, "%", initial: 80);
        Capacity = HelperDefinition.InputNumber(name + " battery capacity", 10, 200, 1, "kWh", "box", 62);
        MaxChargePower = HelperDefinition.InputNumber(name + " max charge power", 1380, 22000, 10, "W", "box", 7400);
        MaxDischargePower = HelperDefinition.InputNumber(name + " max discharge power", 1380, 22000, 10, "W", "box", 7400);
        Consumption = HelperDefinition.InputNumber(name + " consumption", 100, 400, 1, "Wh/km", "box", 175);
        SolarInAutomatic = HelperDefinition.InputBoolean(name + " solar in Automatic", false, "mdi:solar-power");
        HouseInAutomatic = HelperDefinition.InputBoolean(name + " V2H in Automatic", false, "mdi:home-battery");
        LearnedDepartures = HelperDefinition.InputBoolean(name + " learned departures", true, "mdi:calendar-question");
        Helpers = [ChargeMode, MinSoc, MaxSoc, Capacity, MaxChargePower, MaxDischargePower, Consumption, SolarInAutomatic, HouseInAutomatic,
            LearnedDepartures, PriceMarkup, Vat];
    }

    public LoadpointName Loadpoint { get; }

    public HelperDefinition ChargeMode { get; }
    public HelperDefinition MinSoc { get; }
    public HelperDefinition MaxSoc { get; }
    public HelperDefinition Capacity { get; }
    public HelperDefinition MaxChargePower { get; }
    public HelperDefinition MaxDischargePower { get; }
    public HelperDefinition Consumption { get; }
    /// <summary>On: in Automatic, PV surplus charges beyond the plan and in its idle slots.</summary>
    public HelperDefinition SolarInAutomatic { get; }
    /// <summary>On: in Automatic, the car powers the house in the plan's idle slots while its SoC is above what its trips need.</summary>
    public HelperDefinition HouseInAutomatic { get; }
    /// <summary>On (or missing): a day without a calendar event gets a target learned from past departures.</summary>
    public HelperDefinition LearnedDepartures { get; }

    /// <summary>This loadpoint's helpers and the site's tariff helpers (creating one that exists is a no-op).</summary>
    public IReadOnlyList<HelperDefinition> Helpers { get; }

    public string ChargerState => Id("sensor", "charger_state");
    public string Soc => Id("sensor", "soc");
    public string ActualPower => Id("sensor", "actual_power");
    /// <summary>Its <c>schedule</c> attribute is the plan as a list of {time, value (W)}, one entry per change.</summary>
    public string PlannedPower => Id("sensor", "planned_power");
    public string Mode => Id("sensor", "mode");
    public string NextTarget => Id("sensor", "next_target");
    /// <summary>The SoC the schedule expects at the end of the current slot; attribute <c>prognosis</c> is the series as {time, value (%)}.</summary>
    public string SocPrognosis => Id("sensor", "soc_prognosis");
    /// <summary>Calendar events ahead; attribute <c>events</c> is a list of {start, end, summary, soc}.</summary>
    public string CalendarEvents => Id("sensor", "calendar_events");
    public string ChargedEnergy => Id("sensor", "charged_energy");
    public string DischargedEnergy => Id("sensor", "discharged_energy");
    /// <summary>Lifetime kWh charged from the site's PV surplus (energy dashboard: total_increasing).</summary>
    public string ChargedFromPv => Id("sensor", "charged_from_pv");
    /// <summary>Lifetime kWh charged from the grid.</summary>
    public string ChargedFromGrid => Id("sensor", "charged_from_grid");
    /// <summary>Lifetime kWh discharged into the house's own load (V2H).</summary>
    public string DischargedToHouse => Id("sensor", "discharged_to_house");
    /// <summary>Lifetime kWh discharged and exported to the grid.</summary>
    public string DischargedToGrid => Id("sensor", "discharged_to_grid");
    public string ChargingCost => Id("sensor", "charging_cost");
    public string DischargeRevenue => Id("sensor", "discharge_revenue");
    public string Savings => Id("sensor", "savings");
    /// <summary>EUR earned by energy fed to the grid; attributes day, week, month, year.</summary>
    public string V2gRevenue => Id("sensor", "v2g_revenue");
    /// <summary>EUR of imports the car's energy spared the house (V2H).</summary>
    public string V2hSavings => Id("sensor", "v2h_savings");
    /// <summary>EUR saved by charging from the PV surplus instead of the grid (buy less the export given up).</summary>
    public string SolarSavings => Id("sensor", "solar_savings");
    /// <summary>All of the above plus the savings against naive charging; attributes also <c>projected_annual_eur</c>,
    /// <c>payback_years</c> and <c>payback_remaining_years</c> (with an equipment cost).</summary>
    public string TotalSavings => Id("sensor", "total_savings");
    /// <summary>The most recent active alert's tag or "none"; attribute <c>alerts</c> lists the active ones.</summary>
    public string Alert => Id("sensor", "alert");
    /// <summary>What home power control does (<see cref="Core.HomePower.HomePowerState"/> in snake case); attributes
    /// <c>reason</c>, <c>remaining_s</c> (a delay or settling wait), <c>surplus_w</c>, <c>set_point_w</c>, <c>grid_limited</c>.</summary>
    public string HomePower => Id("sensor", "home_power");
    /// <summary>The phases the charger uses now (1 or 3); attribute <c>can_switch</c>.</summary>
    public string Phases => Id("sensor", "phases");
    /// <summary>On while the actual power has differed from the set point by more than 500 W for a while.</summary>
    public string PowerDeviation => Id("binary_sensor", "power_deviation");
    /// <summary>EUR of battery wear the current plan's discharging causes (docs/planning.md, "Battery wear").</summary>
    public string PlanWear => Id("sensor", "plan_wear");

    /// <summary>Every sensor this loadpoint publishes, the site's net price included.</summary>
    public IReadOnlyList<string> Sensors =>
    [
        ChargerState, Soc, ActualPower, PlannedPower, Mode, NextTarget, NetPrice, SocPrognosis, CalendarEvents, ChargedEnergy,
        DischargedEnergy, ChargedFromPv, ChargedFromGrid, DischargedToHouse, DischargedToGrid, ChargingCost, DischargeRevenue, Savings, Alert,
        PowerDeviation, PlanWear, V2gRevenue, V2hSavings, SolarSavings, TotalSavings,
    ];

    /// <summary>The sensors that carry a chart series in an attribute (prices, schedule, prognosis, SoC history, events):
    /// ha-config's package keeps them out of HA's recorder, which would store every series at every change.</summary>
    public IReadOnlyList<string> ChartSensors => [NetPrice, PlannedPower, SocPrognosis, Soc, CalendarEvents];

    /// <summary>The sensors the site loop publishes at the control pace once the site has meters (home power control runs there).</summary>
    public IReadOnlyList<string> HomePowerSensors => [HomePower, Phases];

    /// <summary>A sensor's friendly name: the loadpoint's name first when it has one ("garage Car SoC").</summary>
    public string Label(string text) => Loadpoint.IsUnnamed ? text : $"{Loadpoint.Value} {text}";

    private string Id(string domain, string name) => $"{domain}.{Loadpoint.EntityPrefix}{name}";

    /// <summary>The mode an option text names, or null for anything else (unknown, unavailable, a renamed option).</summary>
    public static ChargeMode? ModeFromName(string? name) =>
        ModeNames.Where(m => m.Value == name).Select(m => (ChargeMode?)m.Key).FirstOrDefault();
}
