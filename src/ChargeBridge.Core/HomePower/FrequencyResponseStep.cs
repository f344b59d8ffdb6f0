using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// One frequency-response step: the set point it asks for (+ charge, − discharge; null: no event, the plan leads),
/// the event running, an event that <see cref="Started"/> or <see cref="Ended"/> this step (to be logged), and today's
/// count and energy.
/// </summary>
public sealed record FrequencyResponseStep(
    Power? SetPoint,
    FrequencyEvent? Active,
    FrequencyEvent? Started,
    FrequencyEvent? Ended,
    int EventsToday,
    Energy EnergyToday);
