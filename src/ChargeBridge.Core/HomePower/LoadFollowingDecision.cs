using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The set point load following wants (+ charge, − discharge), the change from the last set point as a magnitude
/// (0 W: send nothing), why, and from when the next change is allowed.
/// </summary>
public readonly record struct LoadFollowingDecision(Power SetPoint, Power Change, LoadFollowingReason Reason, DateTimeOffset NextChangeAt)
{
    /// <summary>Whether the charger must be sent <see cref="SetPoint"/>.</summary>
    public bool Changed => Change != Power.Zero;
}
