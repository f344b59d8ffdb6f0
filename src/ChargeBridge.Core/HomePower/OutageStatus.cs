namespace ChargeBridge.Core.HomePower;

/// <summary>The outage detector's answer for one step: whether the site is in Backup, whether it <see cref="Started"/>
/// or <see cref="Ended"/> this very step, the signal read, and the time left until Backup starts (a Down being waited
/// out) or ends (an Up being held); null when nothing is being waited for.</summary>
public readonly record struct OutageStatus(bool InBackup, bool Started, bool Ended, GridSignal Signal, TimeSpan? Remaining);
