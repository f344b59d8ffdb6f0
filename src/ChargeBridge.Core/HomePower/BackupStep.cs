using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// One Backup step: the outage <see cref="Status"/>, the switches to turn off now (the non-essential loads that were on
/// when Backup started) and to turn back on now (those same ones, when it ends), the house's mean load over the
/// recent window, the car's energy above the reserve and the hours that lasts at that load (null when a figure is
/// unknown).
/// </summary>
public sealed record BackupStep(
    OutageStatus Status,
    IReadOnlyList<string> SwitchOff,
    IReadOnlyList<string> SwitchOn,
    Power? RecentLoad,
    Energy? AboveReserve,
    double? HoursLeft);
