using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>One simulated second: the grid as the meter read it (+ import), the set point decided on it, what the
/// charger delivered, why, and whether a command was sent.</summary>
internal readonly record struct LoadFollowingSimulationStep(TimeSpan Time, Power Grid, Power SetPoint, Power Delivered, LoadFollowingReason Reason, bool Changed);
