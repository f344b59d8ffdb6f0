using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>One frequency event as it is logged: its kind, when it started (and ended), the power asked (+ charge,
/// − discharge), the energy moved, the frequency that triggered it and the furthest from 50 Hz seen, and why it ended.</summary>
public sealed record FrequencyEvent(
    FrequencyEventKind Kind,
    DateTimeOffset Start,
    DateTimeOffset? End,
    Power SetPoint,
    Energy Energy,
    double TriggerHz,
    double ExtremeHz,
    FrequencyEventEnd? EndReason);
