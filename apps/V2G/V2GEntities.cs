using ChargeBridge.Core.Control;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Every Home Assistant entity the V2G app owns: the settings helpers it creates when missing (ranges and defaults
/// as users know them from V2G controllers) and the sensors it publishes.
/// </summary>
internal static class V2GEntities
{
    /// <summary>The option texts of the charge-mode select, as users see them (first: the helpers below use them).</summary>
    public static readonly IReadOnlyDictionary<ChargeMode, string> ModeNames = new Dictionary<ChargeMode, string>
    {
        [Core.Control.ChargeMode.Automatic] = "Automatic",
        [Core.Control.ChargeMode.MaxBoostNow] = "Max boost now",
        [Core.Control.ChargeMode.MaxDischargeNow] = "Max discharge now",
        [Core.Control.ChargeMode.Pause] = "Pause",
    };

    public static readonly HelperDefinition ChargeMode = HelperDefinition.InputSelect(
        "ChargeBridge charge mode", [.. ModeNames.Values], ModeNames[Core.Control.ChargeMode.Automatic], "mdi:ev-station");
    public static readonly HelperDefinition MinSoc = HelperDefinition.InputNumber("ChargeBridge min SoC", 10, 55, 1, "%", initial: 20);
    public static readonly HelperDefinition MaxSoc = HelperDefinition.InputNumber("ChargeBridge max SoC", 60, 95, 1, "%", initial: 80);
    public static readonly HelperDefinition Capacity = HelperDefinition.InputNumber("ChargeBridge battery capacity", 10, 200, 1, "kWh", "box", 62);
    public static readonly HelperDefinition MaxChargePower = HelperDefinition.InputNumber("ChargeBridge max charge power", 1380, 22000, 10, "W", "box", 7400);
    public static readonly HelperDefinition MaxDischargePower = HelperDefinition.InputNumber("ChargeBridge max discharge power", 1380, 22000, 10, "W", "box", 7400);
    public static readonly HelperDefinition Consumption = HelperDefinition.InputNumber("ChargeBridge consumption", 100, 400, 1, "Wh/km", "box", 175);

    /// <summary>Added to the market price per kWh before VAT (supplier margin, energy tax); 0 when the integration includes it.</summary>
    public static readonly HelperDefinition PriceMarkup = HelperDefinition.InputNumber("ChargeBridge price markup", -0.5, 1, 0.0001, "EUR/kWh", "box", 0);
    /// <summary>VAT on market price plus markup; 0 when the integration's prices already include it.</summary>
    public static readonly HelperDefinition Vat = HelperDefinition.InputNumber("ChargeBridge VAT", 0, 50, 0.1, "%", "box", 0);

    public static IReadOnlyList<HelperDefinition> Helpers { get; } =
        [ChargeMode, MinSoc, MaxSoc, Capacity, MaxChargePower, MaxDischargePower, Consumption, PriceMarkup, Vat];

    public const string ChargerState = "sensor.chargebridge_charger_state";
    public const string Soc = "sensor.chargebridge_soc";
    public const string ActualPower = "sensor.chargebridge_actual_power";
    /// <summary>Its <c>schedule</c> attribute is the plan as a list of {time, value (W)}, one entry per change.</summary>
    public const string PlannedPower = "sensor.chargebridge_planned_power";
    public const string Mode = "sensor.chargebridge_mode";
    public const string NextTarget = "sensor.chargebridge_next_target";
    /// <summary>Net price now (EUR/kWh, markup and VAT included); attribute <c>prices</c> is the series as {time, value}.</summary>
    public const string NetPrice = "sensor.chargebridge_net_price";
    /// <summary>The SoC the schedule expects at the end of the current slot; attribute <c>prognosis</c> is the series as {time, value (%)}.</summary>
    public const string SocPrognosis = "sensor.chargebridge_soc_prognosis";
    /// <summary>Calendar events ahead; attribute <c>events</c> is a list of {start, end, summary, soc}.</summary>
    public const string CalendarEvents = "sensor.chargebridge_calendar_events";
    public const string ChargedEnergy = "sensor.chargebridge_charged_energy";
    public const string DischargedEnergy = "sensor.chargebridge_discharged_energy";
    public const string ChargingCost = "sensor.chargebridge_charging_cost";
    public const string DischargeRevenue = "sensor.chargebridge_discharge_revenue";
    public const string Savings = "sensor.chargebridge_savings";
    /// <summary>The most recent active alert's tag or "none"; attribute <c>alerts</c> lists the active ones.</summary>
    public const string Alert = "sensor.chargebridge_alert";
    /// <summary>On while the actual power has differed from the set point by more than 500 W for a while.</summary>
    public const string PowerDeviation = "binary_sensor.chargebridge_power_deviation";

    /// <summary>The mode an option text names, or null for anything else (unknown, unavailable, a renamed option).</summary>
    public static ChargeMode? ModeFromName(string? name) =>
        ModeNames.Where(m => m.Value == name).Select(m => (ChargeMode?)m.Key).FirstOrDefault();
}
