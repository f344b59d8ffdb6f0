using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Core.Site;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>One charger and the car on it. Its <see cref="Name"/> is part of its entity ids and of its data folder.</summary>
public sealed class LoadpointConfig
{
    /// <summary>garage, driveway …; empty only for a site's single loadpoint (its ids stay those of one charger).</summary>
    public string Name { get; set; } = "";
    /// <summary>The charger as a device: <c>Type</c> (quasar, ha-entities …) and that type's keys (docs/devices.md).</summary>
    public Dictionary<string, string> Charger { get; set; } = [];
    /// <summary>Any HA calendar; events give SoC targets and absences.</summary>
    public string CalendarEntity { get; set; } = "calendar.car";
    /// <summary>Whether a day without a calendar event may get a target learned from past departures; false leaves it
    /// out whatever the learned-departures helper says.</summary>
    public bool LearnedDepartures { get; set; } = true;
    /// <summary>The car integration's SoC entity (%), read instead of the charger's SoC while it holds a valid number (see Core's VehicleSoc).</summary>
    public string? SocEntity { get; set; }
    /// <summary>The SoC the car still accepts power at (97 % for a Quasar with a Leaf).</summary>
    public double PracticalMaxSoc { get; set; } = 97;
    /// <summary>Who gets the grid connection first when the import limit is reached: lower first; equal ones share.</summary>
    public int Priority { get; set; }
    /// <summary>This car's FlexMeasures account and sensors; leave out to plan this loadpoint locally.</summary>
    public FlexMeasuresConfig? FlexMeasures { get; set; }
    /// <summary>What discharging wears this car's battery; without a pack price, wear stays out of the plan.</summary>
    public WearConfig Wear { get; set; } = new();
    /// <summary>What the charger and its installation cost, EUR, for the payback estimate; 0: none shown.</summary>
    public double EquipmentCostEur { get; set; }

    public LoadpointName LoadpointName => LoadpointName.Parse(Name, out _) ?? LoadpointName.Unnamed;

    public DeviceSpec ChargerSpec => DeviceSpec.From(Charger);

    /// <summary>The folder of this loadpoint's statistics and outbox: the site's for the unnamed one, a subfolder otherwise.</summary>
    public string DataFolderIn(string siteFolder) => LoadpointName.IsUnnamed ? siteFolder : Path.Combine(siteFolder, LoadpointName.Value);

    public IEnumerable<ConfigProblem> Validate(DeviceRegistry devices)
    {
        LoadpointName.Parse(Name, out var nameProblem);
        if (nameProblem is not null) yield return new(nameof(Name), nameProblem);
        foreach (var problem in devices.Validate(ChargerSpec, DeviceKind.Charger)) yield return problem.Under(nameof(Charger));
        if (!EntityIds.Valid(CalendarEntity, "calendar"))
            yield return new(nameof(CalendarEntity), $"'{CalendarEntity}' is not a calendar: put the entity id of an HA calendar here, such as calendar.car.");
        if (!string.IsNullOrEmpty(SocEntity) && !EntityIds.Valid(SocEntity))
            yield return new(nameof(SocEntity), $"'{SocEntity}' is not an entity id: put the car integration's SoC sensor here, or leave it empty to use the charger's SoC.");
        if (PracticalMaxSoc is < 50 or > 100)
            yield return new(nameof(PracticalMaxSoc), $"must be between 50 and 100 %, not {PracticalMaxSoc}: the SoC the car still accepts power at (97 for a Nissan Leaf).");
        foreach (var problem in FlexMeasures?.Validate() ?? []) yield return problem.Under(nameof(FlexMeasures));
        foreach (var problem in Wear.Validate()) yield return problem.Under(nameof(Wear));
        if (!(EquipmentCostEur >= 0))
            yield return new(nameof(EquipmentCostEur), $"must be 0 or more EUR, not {EquipmentCostEur}: what the charger and its installation cost (0: no payback shown).");
    }
}
