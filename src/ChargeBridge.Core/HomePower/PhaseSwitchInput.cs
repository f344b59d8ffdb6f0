using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What one phase-switch step sees: the measured PV surplus (null when the meter is stale, e.g.
/// <see cref="PvSurplusDecision.Surplus"/> unless the reason was a stale meter), the car's charging power now and the
/// charger's capabilities on the phases in use now. A struct passed by reference, so a step allocates nothing.
/// </summary>
public readonly record struct PhaseSwitchInput(DateTimeOffset Now, Power? Surplus, Power CarPower, ChargerCapabilities Capabilities);
