namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What Backup must not forget across a restart of ChargeBridge: whether the site is in Backup, since when, and the
/// non-essential loads it switched off (<see cref="BackupController.Memory"/>, given back to a new controller). Without
/// it a restart during an outage would leave those loads off for good.
/// </summary>
public sealed record BackupMemory(bool InBackup, DateTimeOffset? Since, IReadOnlyList<string> Shed)
{
    public static readonly BackupMemory Normal = new(false, null, []);

    /// <summary>What a written file cannot hold: a file that has it was damaged. Outside Backup nothing is shed and
    /// there is no start; in Backup the start is known and every load is named.</summary>
    public bool IsValid => Shed is not null && (InBackup
        ? Since is not null && Shed.All(e => !string.IsNullOrWhiteSpace(e))
        : Since is null && Shed.Count == 0);
}
