using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// One home-power step's answer for a loadpoint. <see cref="SetPoint"/> is the power home power control asks for
/// (before the grid limit and the safety envelope), or null when it does not lead this loadpoint now (the plan or the
/// mode decides). <see cref="Remaining"/> is the time left on a delay or a settling wait; <see cref="Surplus"/> the
/// loadpoint's PV surplus when the surplus controller ran. <see cref="SwitchPhasesTo"/> asks the caller to switch the
/// charger's phases now (the car draws nothing at this point). The reasons are those of the controller that ran.
/// </summary>
public readonly record struct HomePowerStep(
    Power? SetPoint,
    HomePowerState State,
    TimeSpan? Remaining,
    Power? Surplus,
    LoadFollowingReason? FollowingReason,
    PvSurplusReason? SurplusReason,
    int? SwitchPhasesTo)
{
    public static HomePowerStep Off(HomePowerState state) => new(null, state, null, null, null, null, null);
}
