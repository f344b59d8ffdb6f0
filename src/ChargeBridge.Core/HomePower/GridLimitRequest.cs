using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What one loadpoint wants from the grid connection: <paramref name="Wanted"/> is its set point from the plan or a
/// controller (+ charge, − discharge); <paramref name="Priority"/> orders loadpoints (lower number first).
/// <paramref name="MayDischarge"/> says whether the grid limit may make it discharge beyond what it wants to shave a
/// peak: the car is above its minimum SoC and the user allows it. A discharge it wants itself is not gated by this flag:
/// the safety envelope checks the SoC of every set point after the grid limit.
/// </summary>
public sealed record GridLimitRequest(LoadpointName Name, int Priority, ChargerCapabilities Capabilities, Power Wanted, bool MayDischarge);
