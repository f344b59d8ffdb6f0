using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.HaEntities;

/// <summary><c>type: ha-entities</c>: a charger Home Assistant integrates (OCPP, Easee, Zaptec, go-e, Wallbox …),
/// driven through the entities its integration creates.</summary>
public sealed class HaEntitiesType : IChargerType
{
    public string Name => "ha-entities";

    public bool NeedsHomeAssistant => true;

    public string Description => "a charger Home Assistant integrates, through its entities; keys: Enable (switch), Current (number, A) or Power " +
                                 "(number, W), Status (sensor), PowerSensor, EnergySensor, Soc, PhasesEntity (select or number showing 1 or 3), Phases (3), MinCurrentA (6), MaxCurrentA (16), VoltageV (230)";

    public string Hint => "check in Home Assistant's developer tools that the entities exist and are not unavailable, and that the charger's integration is loaded";

    public ICharger? Create(DeviceSpec spec, DeviceContext context)
    {
        var enable = EntityKeys.Read(spec, "Enable", true, "the switch that lets the charger charge", "switch", "input_boolean");
        var current = EntityKeys.Read(spec, "Current", false, "the charge current in A", "number", "input_number");
        var power = EntityKeys.Read(spec, "Power", false, "the charge power in W", "number", "input_number");
        if (spec.Text("Current") is not null && spec.Text("Power") is not null)
            spec.Problem("Power", "and Current are both set: keep the one the charger takes (Current in A, Power in W).");
        if (spec.Text("Current") is null && spec.Text("Power") is null)
            spec.Problem("Current", "is empty: put the number.* entity of the charge current in A here (or Power: the number.* in W).");
        var status = EntityKeys.Read(spec, "Status", true, "the charger's status", "sensor");
        var options = new HaEntitiesOptions
        {
            Enable = enable ?? "",
            Current = current,
            Power = power,
            Status = status ?? "",
            PowerSensor = EntityKeys.Read(spec, "PowerSensor", false, "the charging power in W or kW", "sensor"),
            EnergySensor = EntityKeys.Read(spec, "EnergySensor", false, "the charged energy", "sensor"),
            Soc = EntityKeys.Read(spec, "Soc", false, "the car's state of charge in %", "sensor"),
            PhasesEntity = PhasesEntity(spec),
            Phases = int.Parse(spec.Choice("Phases", "3", "1", "3"), CultureInfo.InvariantCulture),
            MinCurrentA = spec.Int("MinCurrentA", 6, 1, 80),
            MaxCurrentA = spec.Int("MaxCurrentA", 16, 1, 80),
            VoltageV = spec.Double("VoltageV", 230, 100, 260),
            Clock = context.Time,
        };
        if (options.PhasesEntity is not null && options.Phases != 3)
            spec.Problem("Phases", $"is {options.Phases}, but a charger that switches phases (PhasesEntity) must be wired for 3.");
        if (options.MinCurrentA > options.MaxCurrentA)
            spec.Problem("MinCurrentA", $"({options.MinCurrentA}) is above MaxCurrentA ({options.MaxCurrentA}).");
        // Validation checks the keys only; the charger needs HA, which a validating context does not have.
        if (spec.Problems.Count > 0 || context.Validating) return null;
        if (context.Ha is null)
        {
            spec.Problem("Type", "ha-entities needs Home Assistant: run ChargeBridge connected to HA (the add-on, or HomeAssistant:Host and Token set).");
            return null;
        }
        return new HaEntitiesCharger(options, context.Ha, context.Logging.CreateLogger<HaEntitiesCharger>());
    }

    /// <summary>The phases entity: <c>PhasesEntity</c>, or <c>PhaseSelect</c>, the name this key had when it took only
    /// selects (both read, so neither is refused as unknown; both set is a problem).</summary>
    private static string? PhasesEntity(DeviceSpec spec)
    {
        const string what = "the phases the charger charges on, 1 or 3";
        var entity = EntityKeys.Read(spec, "PhasesEntity", false, what, PhaseDomains);
        if (spec.Text("PhaseSelect") is null) return entity;
        if (spec.Text("PhasesEntity") is not null)
        {
            spec.Problem("PhaseSelect", "and PhasesEntity are both set: keep PhasesEntity (PhaseSelect is its former name).");
            return entity;
        }
        return EntityKeys.Read(spec, "PhaseSelect", false, what, PhaseDomains);
    }

    private static readonly string[] PhaseDomains = ["select", "input_select", "number", "input_number"];
}
