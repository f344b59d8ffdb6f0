using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Simulation;

/// <summary>
/// One 5-minute slot a simulation applied: the set point of the plan in force, the simulated SoC at the slot's
/// start and end, and the slot of the plan made at the session's arrival that covers the same time (its prognosis;
/// null beyond that plan's horizon).
/// </summary>
public sealed record SimulatedSlot(DateTimeOffset Start, TimeSpan Length, Power SetPoint, Percent SocAtStart, Percent SocAtEnd, ScheduleSlot? ArrivalPlan);
