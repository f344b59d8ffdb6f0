using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Simulation;

/// <summary>
/// One plug-in of the simulated car: it arrives, stays until it departs, and the trip before this arrival used
/// <see cref="TripEnergy"/> from the battery.
/// </summary>
public sealed record ChargingSession(DateTimeOffset Arrival, DateTimeOffset Departure, Energy TripEnergy);
