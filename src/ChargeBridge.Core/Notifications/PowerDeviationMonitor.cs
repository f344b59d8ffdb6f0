using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Notifications;

/// <summary>
/// Whether the charger's actual power has differed from the set point by more than <see cref="Threshold"/> for at
/// least <see cref="HoldFor"/>. Each step's status is read before the step commands, so it is compared with the set
/// point the previous step gave, and the wait starts again when that set point changes: the charger follows a new one
/// over seconds to tens of seconds, and that ramp is no deviation. Nothing is compared while the set point cannot hold:
/// paused (the charger's app is in control), no car, a charger that does not answer, is held by a Wallbox app schedule
/// or locked, or one that waits for the car's demand (a car asleep or full takes no power, whatever the set point).
/// </summary>
public sealed class PowerDeviationMonitor
{
    public static readonly Power Threshold = Power.FromWatts(500);
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(2);

    private Power? _setPoint;
    private Power? _compared;
    private DateTimeOffset? _deviatingSince;

    public bool IsOn { get; private set; }

    /// <summary>The set point and actual power while it is on, for the log and the sensor.</summary>
    public (Power SetPoint, Power Actual)? Deviation { get; private set; }

    /// <summary>Takes one step into account; true when the deviation has just turned on.</summary>
    public bool Observe(NotificationObservation o)
    {
        var status = o.Status;
        var expected = CanFollow(status) ? _setPoint : null;
        _setPoint = o.Decision.Command.Kind == ChargerCommandKind.SetPower ? o.Decision.Command.SetPoint : null;
        if (expected != _compared) _deviatingSince = null;
        _compared = expected;

        var wasOn = IsOn;
        if (expected is { } setPoint && (status.ActualPower - setPoint).Abs() > Threshold)
        {
            _deviatingSince ??= o.At;
            IsOn = o.At - _deviatingSince >= HoldFor;
            Deviation = IsOn ? (setPoint, status.ActualPower) : null;
        }
        else
        {
            _deviatingSince = null;
            IsOn = false;
            Deviation = null;
        }
        return IsOn && !wasOn;
    }

    private static bool CanFollow(ChargerStatus status) =>
        status is { Reachable: true, CarConnected: true, ControlledByApp: false, Locked: false } && status.State != ChargerState.Waiting;
}
