namespace ChargeBridge.Core.Calendar;

/// <summary>
/// One calendar event as the apps use it: times resolved to instants (all-day events span whole local days) and
/// at least <see cref="CalendarEventParser.MinimumLength"/> long. Title and description are never null.
/// </summary>
public sealed record CalendarEvent(DateTimeOffset Start, DateTimeOffset End, string Title, string Description, bool AllDay);
