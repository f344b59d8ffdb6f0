using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>Which fields of a feed's list entries hold the start, the optional end and the price.</summary>
internal sealed record PriceEntryShape(string[] StartFields, string[] EndFields, string[] ValueFields);

/// <summary>
/// The reading every feed shares: list entries with a start (ISO 8601 with a UTC offset), an optional end and a
/// value become points on the absolute time line, so 23- and 25-hour days need nothing special. The resolution
/// is the shortest entry length seen (15 or 60 minutes, 30 for Octopus); a longer entry (an hourly price in a
/// 15-minute day) is split into points of that length; a missing entry stays a gap.
/// </summary>
internal static partial class PriceEntryReader
{
    private readonly record struct Entry(DateTimeOffset Start, DateTimeOffset? End, double Value, string Attribute, int Index);

    private static readonly TimeSpan DefaultResolution = TimeSpan.FromHours(1);

    public static PriceFeedReading Read(
        IReadOnlyDictionary<string, JsonElement> attributes, IEnumerable<string> listAttributes, PriceEntryShape shape, double perKwhFactor)
    {
        var skipped = new List<SkippedPriceEntry>();
        var entries = new List<Entry>();
        foreach (var name in listAttributes)
        {
            if (!attributes.TryGetValue(name, out var list) || list.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                continue; // tomorrow's list is absent or null until the day-ahead auction is published
            if (list.ValueKind != JsonValueKind.Array)
            {
                skipped.Add(new SkippedPriceEntry(name, -1, $"attribute is {list.ValueKind}, not a list"));
                continue;
            }
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var error = TryReadEntry(item, shape, out var entry);
                if (error is null) entries.Add(new Entry(entry.Start, entry.End, entry.Value * perKwhFactor, name, index));
                else skipped.Add(new SkippedPriceEntry(name, index, error));
                index++;
            }
        }
        return new PriceFeedReading(ToSeries(entries, skipped), skipped);
    }

    /// <summary>Reads with the price unit the feed states; an unknown unit gives no prices rather than a guess.</summary>
    public static PriceFeedReading Read(
        IReadOnlyDictionary<string, JsonElement> attributes, IEnumerable<string> listAttributes, PriceEntryShape shape, string unit) =>
        PriceUnit.ToPerKwhFactor(unit) is { } factor
            ? Read(attributes, listAttributes, shape, factor)
            : Unreadable("unit_of_measurement", $"'{unit}' is not a price per energy");

    /// <summary>Reads in the unit the entity states in <c>unit_of_measurement</c>, EUR/kWh when it states none.</summary>
    public static PriceFeedReading ReadInStatedUnit(
        IReadOnlyDictionary<string, JsonElement> attributes, IEnumerable<string> listAttributes, PriceEntryShape shape) =>
        Read(attributes, listAttributes, shape, Text(attributes, "unit_of_measurement") ?? "EUR/kWh");

    /// <summary>No prices at all, with the reason: a wrong guess at the unit would be off by 100 or 1000.</summary>
    public static PriceFeedReading Unreadable(string attribute, string reason) =>
        new(new TimeSeries<EnergyPrice>([], DefaultResolution), [new SkippedPriceEntry(attribute, -1, reason)]);

    public static string? Text(IReadOnlyDictionary<string, JsonElement> attributes, string name) =>
        attributes.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static TimeSeries<EnergyPrice> ToSeries(List<Entry> entries, List<SkippedPriceEntry> skipped)
    {
        // A stable sort, so of two entries for the same time the one read first (today's) is kept.
        entries = entries.OrderBy(e => e.Start).ToList();
        var resolution = Resolution(entries);
        var points = new List<TimePoint<EnergyPrice>>();
        foreach (var (start, end, value, attribute, index) in entries)
        {
            if (points.Count > 0 && start < points[^1].Start + resolution)
            {
                skipped.Add(new SkippedPriceEntry(attribute, index, $"entry at {start:O} overlaps an earlier one, which is kept"));
                continue;
            }
            var length = end is { } e && e > start ? e - start : resolution;
            for (var at = start; at < start + length; at += resolution)
                points.Add(new TimePoint<EnergyPrice>(at, new EnergyPrice(value)));
        }
        return new TimeSeries<EnergyPrice>(points, resolution);
    }

    /// <summary>The shortest stated entry length, else the shortest step between starts, else one hour.</summary>
    private static TimeSpan Resolution(List<Entry> entries)
    {
        var lengths = entries.Where(e => e.End > e.Start).Select(e => e.End!.Value - e.Start).ToList();
        if (lengths.Count > 0) return lengths.Min();
        var steps = entries.Zip(entries.Skip(1), (a, b) => b.Start - a.Start).Where(d => d > TimeSpan.Zero).ToList();
        return steps.Count > 0 ? steps.Min() : DefaultResolution;
    }

    private static string? TryReadEntry(JsonElement item, PriceEntryShape shape, out (DateTimeOffset Start, DateTimeOffset? End, double Value) entry)
    {
        entry = default;
        if (item.ValueKind != JsonValueKind.Object) return $"entry is {item.ValueKind}, not an object";
        var startText = FirstString(item, shape.StartFields);
        if (startText is null) return $"no {string.Join("/", shape.StartFields)}";
        var startError = TryParseTime(startText, out var start);
        if (startError is not null) return startError;
        DateTimeOffset? end = null;
        var endText = FirstString(item, shape.EndFields);
        if (endText is not null)
        {
            if (TryParseTime(endText, out var parsedEnd) is not null || parsedEnd <= start) return $"end '{endText}' is not after the start";
            end = parsedEnd;
        }
        var valueError = TryReadValue(item, shape.ValueFields, out var value);
        if (valueError is not null) return valueError;
        entry = (start, end, value);
        return null;
    }

    private static string? FirstString(JsonElement item, string[] fields)
    {
        foreach (var field in fields)
        {
            if (item.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
        }
        return null;
    }

    /// <summary>Times must carry their UTC offset: without it an hour on a daylight-saving day is ambiguous.</summary>
    private static string? TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        if (!HasOffset().IsMatch(text.Trim())) return $"time '{text}' has no UTC offset";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            ? null
            : $"time '{text}' is not an ISO 8601 time";
    }

    private static string? TryReadValue(JsonElement item, string[] fields, out double value)
    {
        value = 0;
        foreach (var field in fields)
        {
            if (!item.TryGetProperty(field, out var v)) continue;
            switch (v.ValueKind)
            {
                case JsonValueKind.Number when v.TryGetDouble(out value) && double.IsFinite(value):
                    return null;
                case JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                                              && double.IsFinite(value):
                    return null;
                case JsonValueKind.Null:
                    return $"{field} is null";
                default:
                    return $"{field} '{v}' is not a number";
            }
        }
        return $"no {string.Join("/", fields)}";
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
