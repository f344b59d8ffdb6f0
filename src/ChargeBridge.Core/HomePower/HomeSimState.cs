using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What a controller sees at one control step.
/// </summary>
/// <param name="Now">The start of the step.</param>
/// <param name="Grid">The grid meter: house − PV + charger, positive = import.</param>
/// <param name="Pv">PV production (an inverter reading; chargemanager's cloud detection uses it).</param>
/// <param name="ChargerActual">The power the charger delivers now (positive = charging the car).</param>
/// <param name="LastSetPoint">The last set point sent, or null before the first command.</param>
/// <param name="LastCommandAt">When it was sent.</param>
/// <param name="Soc">The car's state of charge.</param>
public readonly record struct HomeSimState(
    DateTimeOffset Now,
    Power Grid,
    Power Pv,
    Power ChargerActual,
    Power? LastSetPoint,
    DateTimeOffset? LastCommandAt,
    Percent Soc);
