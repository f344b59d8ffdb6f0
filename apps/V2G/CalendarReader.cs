using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Calendar;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;

namespace ChargeBridge.Apps.V2G;

/// <summary>Reads the next week of a calendar with <c>calendar.get_events</c> (return_response).</summary>
internal sealed class CalendarReader(IHaContext ha, string calendarEntity)
{
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(7);

    /// <summary>The calendar entity; its state changes when an event starts or ends or the next one changes.</summary>
    public string Entity => calendarEntity;

    /// <exception cref="HaProtocolException">The answer holds no events list for the calendar: it says nothing about the
    /// events, so it must not replace the ones read before.</exception>
    public async Task<CalendarParseResult> ReadAsync(DateTimeOffset now, TimeZoneInfo zone)
    {
        var response = await ha.CallServiceWithResponseAsync("calendar", "get_events", ServiceTarget.Entity(calendarEntity), new
        {
            start_date_time = now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            end_date_time = (now + LookAhead).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        });
        if (response is not { } json || !HasEvents(json))
            throw new HaProtocolException("calendar.get_events", $"no events list for {calendarEntity}");
        return CalendarEventParser.Parse(json, zone);
    }

    /// <summary>HA's <c>{calendar: {events: [...]}}</c>, or the older <c>{events: [...]}</c> of calendar.list_events.</summary>
    private bool HasEvents(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object
        && (json.TryGetProperty(calendarEntity, out var calendar) ? calendar.ValueKind == JsonValueKind.Object && calendar.TryGetProperty("events", out _)
            : json.TryGetProperty("events", out _));
}
