namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Whether the site is in Backup, from the grid-status signal read once per control step (<see cref="BackupSettings"/>):
/// Backup starts after <see cref="BackupSettings.DownFor"/> of Down and ends after <see cref="BackupSettings.HoldFor"/>
/// of Up; an Unknown reading restarts both waits. Time comes from the steps only. A detector restored in Backup
/// (<paramref name="inBackup"/>, after a restart) waits out the whole hold from its first Up reading, as nothing says
/// how long the grid has been back.
/// </summary>
public sealed class OutageDetector(BackupSettings settings, bool inBackup = false)
{
    private DateTimeOffset? _downSince;
    private DateTimeOffset? _upSince;

    /// <summary>Whether the site runs on the car now.</summary>
    public bool InBackup { get; private set; } = inBackup;

    public OutageStatus Step(DateTimeOffset now, GridSignal signal)
    {
        var (started, ended) = (false, false);
        switch (signal)
        {
            case GridSignal.Down:
                _upSince = null;
                _downSince ??= now;
                if (!InBackup && now - _downSince >= settings.DownFor) (InBackup, started) = (true, true);
                break;
            case GridSignal.Up:
                _downSince = null;
                _upSince ??= now;
                if (InBackup && now - _upSince >= settings.HoldFor) (InBackup, ended) = (false, true);
                break;
            default:
                (_downSince, _upSince) = (null, null);
                break;
        }
        TimeSpan? remaining = InBackup
            ? _upSince is { } up ? settings.HoldFor - (now - up) : null
            : _downSince is { } down ? settings.DownFor - (now - down) : null;
        return new OutageStatus(InBackup, started, ended, signal, remaining);
    }
}
