using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The site's Backup rules, one <see cref="Step"/> per control step: the <see cref="OutageDetector"/> says when the
/// site runs on the car; when Backup starts, the non-essential loads that are on are switched off and remembered, and
/// when it ends exactly those are switched back on (a load that was off, or unavailable, is left alone). What survives a
/// restart is
/// <see cref="Memory"/>: a controller built with it goes on in Backup with the same loads counted as shed. The hours of
/// backup left are the car's energy above the reserve (after discharge losses) over the house's mean load of the last
/// <see cref="BackupSettings.LoadWindow"/>. The car's own set point in Backup comes from <see cref="HomePowerControl"/>
/// (<see cref="HomePowerInput.Backup"/>). Time comes from the input only.
/// </summary>
public sealed class BackupController
{
    // One sample per control step (1–10 s) over the window: 15 minutes at 1 s is 900.
    private const int WindowCapacity = 4096;
    private readonly OutageDetector _outage;
    private readonly PvSurplusDampingWindow _load;
    private readonly List<string> _shed = [];
    private DateTimeOffset? _since;

    /// <param name="settings">The rules.</param>
    /// <param name="restored">What an earlier run left (<see cref="Memory"/>); null or not valid: a normal start.</param>
    public BackupController(BackupSettings settings, BackupMemory? restored = null)
    {
        Settings = settings;
        var memory = restored is { IsValid: true } valid ? valid : BackupMemory.Normal;
        _outage = new OutageDetector(settings, memory.InBackup);
        _since = memory.Since;
        _shed.AddRange(memory.Shed);
        _load = new PvSurplusDampingWindow(settings.LoadWindow, 0, WindowCapacity);
    }

    public BackupSettings Settings { get; }

    /// <summary>The loads switched off for this Backup, to be switched on when it ends.</summary>
    public IReadOnlyList<string> Shed => _shed;

    /// <summary>When this Backup started; null outside Backup.</summary>
    public DateTimeOffset? Since => _since;

    /// <summary>What must survive a restart; it changes only at a step where Backup starts or ends.</summary>
    public BackupMemory Memory => new(_outage.InBackup, _since, [.. _shed]);

    public BackupStep Step(in BackupInput input)
    {
        if (input.HouseLoad is { } house && double.IsFinite(house.Watts)) _load.Add(input.Now, house);
        var status = _outage.Step(input.Now, input.Signal);
        IReadOnlyList<string> off = [], on = [];
        if (status.Started)
        {
            _since = input.Now;
            _shed.Clear();
            foreach (var sw in input.Loads)
                if (sw.On == true) _shed.Add(sw.Entity);
            off = [.. _shed];
        }
        else if (status.Ended)
        {
            on = [.. _shed];
            _shed.Clear();
            _since = null;
        }
        Power? recent = _load.Count > 0 ? _load.MeanOf(Settings.LoadWindow) : null;
        Energy? above = input.CarSoc is { } soc && input.CarSettings is { } car
            ? BackupReserve.Above(soc, BackupReserve.Apply(car, Settings.Reserve).MinSoc, car) : null;
        double? hours = above is { } energy && recent is { } load && load > Power.Zero ? energy.KilowattHours / load.Kilowatts : null;
        return new BackupStep(status, off, on, recent, above, hours);
    }
}
