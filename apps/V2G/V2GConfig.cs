using ChargeBridge.Core.HomePower;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Forecasts;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The site: its loadpoints (a charger and the car on it, each), the grid connection with its meter, optional PV and
/// house-battery meters, where prices come from, and whom to notify. A site with one Wallbox Quasar may still be
/// written the way it was before sites had loadpoints (<see cref="ChargerHost"/> and the keys beside it): that is
/// one unnamed loadpoint, whose entity ids and files are those of before.
/// </summary>
public sealed class V2GConfig : IValidatableConfig
{
    /// <summary>The chargers and their cars; empty: the one Quasar the keys below describe.</summary>
    public List<LoadpointConfig> Loadpoints { get; set; } = [];
    /// <summary>The grid connection: meter and import/export limits.</summary>
    public GridConfig Grid { get; set; } = new();
    /// <summary>The PV inverter's or PV meter's device (production reads negative); empty: none.</summary>
    public Dictionary<string, string> PvMeter { get; set; } = [];
    /// <summary>The house battery's meter (charging reads positive); empty: none.</summary>
    public Dictionary<string, string> BatteryMeter { get; set; } = [];
    /// <summary>Load following, PV surplus and the grid limit: pace, house battery SoC, margin.</summary>
    public HomePowerConfig HomePower { get; set; } = new();
    /// <summary>Outage backup and the backup reserve.</summary>
    public BackupConfig Backup { get; set; } = new();
    /// <summary>Frequency response.</summary>
    public FrequencyConfig FrequencyResponse { get; set; } = new();
    /// <summary>The statistics and solar forecast the house-load and PV forecasts learn from; empty: no forecasts.</summary>
    public ForecastConfig Forecast { get; set; } = new();

    /// <summary>One Quasar without <see cref="Loadpoints"/>: its Modbus TCP address.</summary>
    public string ChargerHost { get; set; } = "";
    public int ChargerPort { get; set; } = 502;
    /// <summary>One Quasar without <see cref="Loadpoints"/>: the car's calendar.</summary>
    public string CalendarEntity { get; set; } = "calendar.car";
    /// <summary>One Quasar without <see cref="Loadpoints"/>: the car integration's SoC entity.</summary>
    public string? SocEntity { get; set; }
    /// <summary>One Quasar without <see cref="Loadpoints"/>: whether days without an event may get a learned departure.</summary>
    public bool LearnedDepartures { get; set; } = true;
    /// <summary>One Quasar without <see cref="Loadpoints"/>: the SoC the car still accepts power at.</summary>
    public double PracticalMaxSoc { get; set; } = 97;
    /// <summary>One Quasar without <see cref="Loadpoints"/>: its FlexMeasures account and sensors.</summary>
    public FlexMeasuresConfig? FlexMeasures { get; set; }
    /// <summary>One Quasar without <see cref="Loadpoints"/>: what discharging wears the car's battery.</summary>
    public WearConfig Wear { get; set; } = new();
    /// <summary>One Quasar without <see cref="Loadpoints"/>: what it and its installation cost, EUR (payback estimate).</summary>
    public double EquipmentCostEur { get; set; }

    /// <summary>Where the prices come from: an HA price integration or FlexMeasures.</summary>
    public PricesConfig Prices { get; set; } = new();
    /// <summary>Where the statistics files and FlexMeasures outboxes live (a subfolder per named loadpoint).</summary>
    public string DataFolder { get; set; } = "data";
    /// <summary>Notify services of the phones to tell (e.g. mobile_app_pixel_8 for notify.mobile_app_pixel_8); empty: alerts show on the dashboard only.</summary>
    public List<string> NotifyTargets { get; set; } = [];

    /// <summary>The site's loadpoints: those configured, or the one Quasar of the single-charger keys.</summary>
    public IReadOnlyList<LoadpointConfig> LoadpointsInUse => Loadpoints.Count > 0 ? Loadpoints :
    [
        new LoadpointConfig
        {
            Charger = new() { ["Type"] = "quasar", ["Host"] = ChargerHost, ["Port"] = ChargerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            CalendarEntity = CalendarEntity, SocEntity = SocEntity, PracticalMaxSoc = PracticalMaxSoc, FlexMeasures = FlexMeasures,
            LearnedDepartures = LearnedDepartures, Wear = Wear, EquipmentCostEur = EquipmentCostEur,
        },
    ];

    public IEnumerable<ConfigProblem> Validate() => Validate(DeviceRegistry.Default);

    public IEnumerable<ConfigProblem> Validate(DeviceRegistry devices)
    {
        if (Loadpoints.Count == 0)
        {
            if (string.IsNullOrWhiteSpace(ChargerHost))
                yield return new(nameof(ChargerHost), "is empty: put the Wallbox Quasar's IP address here (Modbus TCP enabled in the Wallbox app), or describe your chargers under Loadpoints.");
            if (ChargerPort is < 1 or > 65535)
                yield return new(nameof(ChargerPort), $"must be between 1 and 65535, not {ChargerPort}: the Quasar serves Modbus TCP on 502.");
            // The Quasar's keys are checked above under their own names.
            foreach (var problem in LoadpointsInUse[0].Validate(devices).Where(p => !p.Key.StartsWith(nameof(LoadpointConfig.Charger), StringComparison.Ordinal)))
                    yield return problem;
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(ChargerHost))
                yield return new(nameof(ChargerHost), "is set beside Loadpoints: describe the Quasar as a loadpoint (Charger: {Type: quasar, Host: …}) and remove ChargerHost.");
            for (var i = 0; i < Loadpoints.Count; i++)
                foreach (var problem in Loadpoints[i].Validate(devices)) yield return problem.Under($"{nameof(Loadpoints)}:{i}");
            if (Loadpoints.Count > 1 && Loadpoints.Any(l => string.IsNullOrWhiteSpace(l.Name)))
                yield return new(nameof(Loadpoints), "holds several loadpoints, so each needs a Name (garage, driveway …): it is part of their entity ids.");
            foreach (var name in Loadpoints.GroupBy(l => l.Name.Trim()).Where(g => g.Count() > 1).Select(g => g.Key))
                yield return new(nameof(Loadpoints), $"names '{name}' more than once: each loadpoint needs its own name.");
        }
        foreach (var problem in Grid.Validate(devices)) yield return problem.Under(nameof(Grid));
        foreach (var problem in HomePower.Validate()) yield return problem.Under(nameof(HomePower));
        foreach (var problem in Backup.Validate()) yield return problem.Under(nameof(Backup));
        foreach (var problem in FrequencyResponse.Validate()) yield return problem.Under(nameof(FrequencyResponse));
        // Without an entity, the grid meter's own voltage or frequency is read.
        if (Backup.Kind is GridStatusSource.Voltage or GridStatusSource.Frequency && string.IsNullOrWhiteSpace(Backup.Entity) && Grid.Meter.Count == 0)
            yield return new($"{nameof(Backup)}:{nameof(BackupConfig.Entity)}", $"is empty and there is no grid meter: put the {Backup.Kind.ToString()!.ToLowerInvariant()} sensor here, or describe the grid meter under Grid:Meter.");
        if (FrequencyResponse.Enabled && string.IsNullOrWhiteSpace(FrequencyResponse.Entity) && Grid.Meter.Count == 0)
            yield return new($"{nameof(FrequencyResponse)}:{nameof(FrequencyConfig.Entity)}", "is empty and there is no grid meter: put the grid frequency sensor (Hz) here, or describe a grid meter that reports it.");
        foreach (var problem in Forecast.Validate()) yield return problem.Under(nameof(Forecast));
        foreach (var (key, meter) in new[] { (nameof(PvMeter), PvMeter), (nameof(BatteryMeter), BatteryMeter) }.Where(m => m.Item2.Count > 0))
            foreach (var problem in devices.Validate(DeviceSpec.From(meter), DeviceKind.Meter)) yield return problem.Under(key);
        if (string.IsNullOrWhiteSpace(DataFolder))
            yield return new(nameof(DataFolder), "is empty: put a folder ChargeBridge may write its statistics and outbox to, such as data.");
        foreach (var target in NotifyTargets.Where(t => !EntityIds.Valid(t.StartsWith("notify.", StringComparison.Ordinal) ? t : "notify." + t)))
            yield return new(nameof(NotifyTargets), $"holds '{target}', which is not a notify service: put names like mobile_app_pixel_8.");
        foreach (var problem in Prices.Validate(LoadpointsInUse.All(l => l.FlexMeasures is not null))) yield return problem.Under(nameof(Prices));
    }
}
