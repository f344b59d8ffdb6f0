using System.Globalization;
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

    public async Task<CalendarParseResult> ReadAsync(DateTimeOffset now, TimeZoneInfo zone)
    {
        var response = await ha.CallServiceWithResponseAsync("calendar", "get_events", ServiceTarget.Entity(calendarEntity), new
        {
            start_date_time = now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            end_date_time = (now + LookAhead).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        });
        return response is { } json ? CalendarEventParser.Parse(json, zone) : new([], [$"{calendarEntity} gave no response"]);
    }
}
