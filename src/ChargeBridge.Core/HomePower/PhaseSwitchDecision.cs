namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The phases wanted. When they differ from the phases in use and <see cref="StopFirst"/> is set, the caller sets
/// 0 W and switches only once the car no longer draws; then charging restarts on the new phases.
/// <see cref="Remaining"/> is the time left on a delay or on the settle time.
/// </summary>
public readonly record struct PhaseSwitchDecision(int Phases, bool StopFirst, PhaseSwitchReason Reason, TimeSpan? Remaining);
