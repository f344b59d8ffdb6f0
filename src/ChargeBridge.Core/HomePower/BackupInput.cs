using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What the site's Backup step knows at <see cref="Now"/>: the grid-status <see cref="Signal"/>, the house's own load
/// while it is measured (null: no fresh reading), the non-essential loads' switches, and the car that would power the
/// house: its SoC and settings (null: no bidirectional car connected).
/// </summary>
public readonly record struct BackupInput(
    DateTimeOffset Now,
    GridSignal Signal,
    Power? HouseLoad,
    IReadOnlyList<LoadSwitchState> Loads,
    Percent? CarSoc,
    ChargeSettings? CarSettings);
