namespace ChargeBridge.Core.Calendar;

/// <summary>The events read from a <c>calendar.get_events</c> response, in start order, and why any were skipped.</summary>
public sealed record CalendarParseResult(IReadOnlyList<CalendarEvent> Events, IReadOnlyList<string> Skipped);
