using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// What a schedule was planned from. <see cref="CalendarFingerprint"/> is any text that changes when the calendar's
/// targets or absences change (see <see cref="ChargeBridge.Core.Calendar.CalendarPlan.Fingerprint"/>); <see cref="PricesReceivedAt"/> is when the latest
/// price data arrived, null before any.
/// </summary>
public sealed record PlanningSnapshot(
    DateTimeOffset At,
    ChargeSettings Settings,
    bool CarConnected,
    ChargeMode Mode,
    string CalendarFingerprint,
    Percent? Soc,
    DateTimeOffset? PricesReceivedAt);
