using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What a surplus step decided: <see cref="SetPoint"/> (≥ 0 W) and why. <see cref="Remaining"/> is the time left on the
/// enable or disable delay when <see cref="Reason"/> is waiting or stopping. <see cref="Surplus"/> is the surplus as
/// measured this step, <see cref="DampedSurplus"/> the mean − k·stddev target; both are zero on a stale meter.
/// </summary>
public readonly record struct PvSurplusDecision(
    Power SetPoint,
    PvSurplusReason Reason,
    TimeSpan? Remaining,
    Power Surplus,
    Power DampedSurplus);
