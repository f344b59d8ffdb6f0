using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Notifications;

/// <summary>
/// What one control step saw and decided, as the notifications need it: the charger's status read at the step's
/// start, the control input and decision, the schedule in force (the same instance until a new one is made), the
/// calendar events that still count (dismissed ones left out) and the prices (null when there are none usable).
/// </summary>
public sealed record NotificationObservation(
    ChargerStatus Status,
    ControlInput Input,
    ControlDecision Decision,
    Schedule? Schedule,
    IReadOnlyList<CalendarEvent> Events,
    TimeSeries<EnergyPrice>? Prices)
{
    public DateTimeOffset At => Input.At;

    /// <summary>The schedule was made by a stand-in (the local optimiser or the rest of an older schedule, while
    /// FlexMeasures does not deliver): the schedules users are told about being missing are the primary planner's.</summary>
    public bool ScheduleFromFallback { get; init; }

    /// <summary>The settings helpers that do not exist in HA (creating them failed), each with why: their defaults are in use.</summary>
    public IReadOnlyList<(string EntityId, string Reason)> MissingHelpers { get; init; } = [];
}
