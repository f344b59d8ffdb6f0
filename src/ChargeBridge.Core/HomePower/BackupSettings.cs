using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// How the site detects a grid outage and runs on the car (Backup). An outage starts once the source has said
/// <see cref="GridSignal.Down"/> for <see cref="DownFor"/> without a break, and ends once it has said
/// <see cref="GridSignal.Up"/> for <see cref="HoldFor"/> without a break: a flapping source keeps the site in Backup
/// (the loads stay off) instead of switching the house back and forth.
/// </summary>
public sealed record BackupSettings
{
    /// <summary>How long the source must say Down before Backup starts: a meter's dropped reading or a relay's bounce is no outage.</summary>
    public TimeSpan DownFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the grid must have been back before Backup ends and the loads come back on.</summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The SoC the car keeps for an outage: Backup discharges down to it, and normal V2G/V2H (the plan, load
    /// following) never go below it (<see cref="BackupReserve"/>).</summary>
    public Percent Reserve { get; init; } = new(30);

    /// <summary>The house's recent load is the mean over this span: the estimate of the hours of backup left.</summary>
    public TimeSpan LoadWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The binary sensor's state while the grid is there.</summary>
    public string GridUpState { get; init; } = "on";

    /// <summary>A voltage source below this (V) reads an outage: 180 V is well under the 230 V ± 10 % of EN 50160.</summary>
    public double MinVolts { get; init; } = 180;
}
