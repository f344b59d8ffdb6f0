using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChargeBridge.Core.Calendar;

/// <summary>
/// Reads the response of Home Assistant's <c>calendar.get_events</c> (<c>{entity_id: {events: [...]}}</c>), the older
/// <c>{events: [...]}</c> shape, or a bare event array. Never throws for bad input: anything it cannot read is
/// skipped with a reason, so one broken event does not hide the others.
/// </summary>
public static partial class CalendarEventParser
{
    /// <summary>Shorter events are stretched to this: the car needs some time away for the event to mean anything.</summary>
    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(30);

    public static CalendarParseResult Parse(string json, TimeZoneInfo zone)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, zone);
        }
        catch (JsonException e)
        {
            return new([], [$"the calendar response is not valid JSON: {e.Message}"]);
        }
    }

    public static CalendarParseResult Parse(JsonElement response, TimeZoneInfo zone)
    {
        var events = new List<CalendarEvent>();
        var skipped = new List<string>();
        foreach (var (source, element) in EventElements(response, skipped))
        {
            if (ReadInRange(element, zone, out var reason) is { } e) events.Add(e);
            else skipped.Add($"{source}: {reason}");
        }
        events.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new(events, skipped);
    }

    private static IEnumerable<(string Source, JsonElement Event)> EventElements(JsonElement response, List<string> skipped)
    {
        if (response.ValueKind == JsonValueKind.Array)
            return Indexed("events", response);
        if (response.ValueKind != JsonValueKind.Object)
        {
            skipped.Add($"the calendar response is a JSON {response.ValueKind}, not an object");
            return [];
        }
        if (response.TryGetProperty("events", out var direct))
            return EventArray("events", direct, skipped);
        return response.EnumerateObject()
            .SelectMany(calendar => calendar.Value.ValueKind == JsonValueKind.Object && calendar.Value.TryGetProperty("events", out var list)
                ? EventArray(calendar.Name, list, skipped)
                : Skip(skipped, $"{calendar.Name}: no events list"))
            .ToList();
    }

    private static IEnumerable<(string, JsonElement)> EventArray(string calendar, JsonElement list, List<string> skipped) =>
        list.ValueKind == JsonValueKind.Array ? Indexed(calendar, list) : Skip(skipped, $"{calendar}: events is not a list");

    private static IEnumerable<(string, JsonElement)> Indexed(string calendar, JsonElement list) =>
        list.EnumerateArray().Select((e, i) => ($"{calendar} event {i}", e));

    private static IEnumerable<(string, JsonElement)> Skip(List<string> skipped, string reason)
    {
        skipped.Add(reason);
        return [];
    }

    /// <summary>Dates at the ends of the calendar (year 1 or 9999) overflow when shifted by an offset or a day.</summary>
    private static CalendarEvent? ReadInRange(JsonElement element, TimeZoneInfo zone, out string reason)
    {
        try
        {
            return Read(element, zone, out reason);
        }
        catch (ArgumentOutOfRangeException)
        {
            reason = "a time is out of the supported range";
            return null;
        }
    }

    private static CalendarEvent? Read(JsonElement element, TimeZoneInfo zone, out string reason)
    {
        reason = "";
        if (element.ValueKind != JsonValueKind.Object) { reason = "not an object"; return null; }
        var startText = Text(element, "start");
        var endText = Text(element, "end");
        if (startText is null) { reason = "no start"; return null; }

        var startDate = AsDate(startText);
        DateTimeOffset start, end;
        if (startDate is { } firstDay)
        {
            // All-day events end on the day after their last day (exclusive), as HA reports them.
            var endDate = endText is null ? firstDay.AddDays(1) : AsDate(endText);
            if (endDate is not { } afterLastDay) { reason = $"all-day start but end '{endText}' is not a date"; return null; }
            if (afterLastDay <= firstDay) afterLastDay = firstDay.AddDays(1);
            start = LocalMidnight(firstDay, zone);
            end = LocalMidnight(afterLastDay, zone);
        }
        else
        {
            if (AsInstant(startText, zone) is not { } s) { reason = $"start '{startText}' is not a date or time"; return null; }
            if (endText is null) { reason = "no end"; return null; }
            if (AsInstant(endText, zone) is not { } e) { reason = $"end '{endText}' is not a time"; return null; }
            if (e < s) { reason = "it ends before it starts"; return null; }
            (start, end) = (s, e);
        }
        if (end - start < MinimumLength) end = start + MinimumLength;
        return new(start, end, Text(element, "summary") ?? "", Text(element, "description") ?? "", startDate is not null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateOnly? AsDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>An ISO time; one without an offset is local time in <paramref name="zone"/>.</summary>
    private static DateTimeOffset? AsInstant(string text, TimeZoneInfo zone)
    {
        text = text.Trim();
        if (HasOffset().IsMatch(text))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        return Resolve(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    /// <summary>The first instant of a local day; on a day whose midnight is skipped by DST, the first valid time after it.</summary>
    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone) =>
        Resolve(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    private static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [GeneratedRegex(@"[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();
}
