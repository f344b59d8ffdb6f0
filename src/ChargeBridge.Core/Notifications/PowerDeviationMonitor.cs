using ChargeBridge.Core.Control;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Notifications;

/// <summary>
/// Whether the charger's actual power has differed from the set point by more than <see cref="Threshold"/> for at
/// least <see cref="HoldFor"/>. Each step's status is read before the step commands, so it is compared with the set
/// point the previous step gave. Nothing is compared while no set point holds: paused (the charger's app is in
/// control), no car, or a charger that does not answer.
/// </summary>
public sealed class PowerDeviationMonitor
{
    public static readonly Power Threshold = Power.FromWatts(500);
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(2);

    private Power? _setPoint;
    private DateTimeOffset? _deviatingSince;

    public bool IsOn { get; private set; }

    /// <summary>The set point and actual power while it is on, for the log and the sensor.</summary>
    public (Power SetPoint, Power Actual)? Deviation { get; private set; }

    /// <summary>Takes one step into account; true when the deviation has just turned on.</summary>
    public bool Observe(NotificationObservation o)
    {
        var status = o.Status;
        var expected = status.Reachable && status.CarConnected == true ? _setPoint : null;
        _setPoint = o.Decision.Command.Kind == ChargerCommandKind.SetPower ? o.Decision.Command.SetPoint : null;

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
}
