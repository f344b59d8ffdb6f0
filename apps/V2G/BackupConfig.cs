using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Outage backup (docs/backup.md): where the grid's presence is read, the reserve the car keeps for an outage, the
/// waits before Backup starts and ends, and the non-essential loads switched off meanwhile. The charger and the
/// installation must support islanded operation (a certified transfer switch); ChargeBridge only commands them.
/// </summary>
public sealed class BackupConfig
{
    /// <summary>Off (no backup, no reserve), BinarySensor, Voltage or Frequency (<see cref="GridStatusSource"/>).</summary>
    public string Source { get; set; } = "Off";
    /// <summary>The source's HA entity; empty with Voltage or Frequency: the site's grid meter's own reading.</summary>
    public string? Entity { get; set; }
    /// <summary>The SoC (%) Backup discharges down to and normal V2G/V2H never go below.</summary>
    public double ReserveSoc { get; set; } = 30;
    /// <summary>Seconds the source must say the grid is gone before Backup starts.</summary>
    public double DownSeconds { get; set; } = 5;
    /// <summary>Minutes the grid must be back before Backup ends.</summary>
    public double HoldMinutes { get; set; } = 5;
    /// <summary>Minutes of house load the hours-left estimate averages.</summary>
    public double LoadWindowMinutes { get; set; } = 15;
    /// <summary>The non-essential loads (switches, input booleans, lights) switched off in Backup and back on after.</summary>
    public List<string> Loads { get; set; } = [];

    public bool Enabled => Kind is not null;

    /// <summary>The source kind; null when Off or not a kind.</summary>
    public GridStatusSource? Kind => Enum.TryParse<GridStatusSource>(Source, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;

    public BackupSettings Settings() => new()
    {
        Reserve = new Percent(ReserveSoc),
        DownFor = TimeSpan.FromSeconds(DownSeconds),
        HoldFor = TimeSpan.FromMinutes(HoldMinutes),
        LoadWindow = TimeSpan.FromMinutes(LoadWindowMinutes),
    };

    public IEnumerable<ConfigProblem> Validate()
    {
        if (Kind is null && !string.Equals(Source, "Off", StringComparison.OrdinalIgnoreCase))
            yield return new(nameof(Source), $"must be Off, BinarySensor, Voltage or Frequency, not '{Source}'.");
        if (Kind == GridStatusSource.BinarySensor && string.IsNullOrWhiteSpace(Entity))
            yield return new(nameof(Entity), "is empty: put the binary sensor that is on while the grid is there here.");
        if (!string.IsNullOrWhiteSpace(Entity) && !EntityIds.Valid(Entity))
            yield return new(nameof(Entity), $"'{Entity}' is not an entity id.");
        if (ReserveSoc is < 0 or > 95 || double.IsNaN(ReserveSoc))
            yield return new(nameof(ReserveSoc), $"must be between 0 and 95 %, not {ReserveSoc}.");
        if (DownSeconds is < 1 or > 600 || double.IsNaN(DownSeconds))
            yield return new(nameof(DownSeconds), $"must be between 1 and 600 s, not {DownSeconds}.");
        if (HoldMinutes is < 0 or > 120 || double.IsNaN(HoldMinutes))
            yield return new(nameof(HoldMinutes), $"must be between 0 and 120 min, not {HoldMinutes}.");
        if (LoadWindowMinutes is < 1 or > 240 || double.IsNaN(LoadWindowMinutes))
            yield return new(nameof(LoadWindowMinutes), $"must be between 1 and 240 min, not {LoadWindowMinutes}.");
        foreach (var load in Loads.Where(l => !EntityIds.Valid(l)))
            yield return new(nameof(Loads), $"holds '{load}', which is not an entity id: put switches such as switch.heat_pump.");
    }
}
