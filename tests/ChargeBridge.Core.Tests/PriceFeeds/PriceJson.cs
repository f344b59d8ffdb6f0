using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChargeBridge.Core.Tests.PriceFeeds;

/// <summary>Builds entity attributes the way the HA client hands them over: JSON elements by attribute name.</summary>
internal static class PriceJson
{
    public static IReadOnlyDictionary<string, JsonElement> Attributes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The local day's slots as the integrations write them: local time with that moment's offset.</summary>
    public static IEnumerable<(string Start, string End, int Index)> LocalDay(DateTime date, TimeZoneInfo zone, TimeSpan step, string separator = "T")
    {
        var start = Midnight(date, zone);
        var end = Midnight(date.AddDays(1), zone);
        var i = 0;
        for (var t = start; t < end; t += step, i++)
            yield return (Format(t, zone, separator), Format(t + step, zone, separator), i);
    }

    public static DateTimeOffset Midnight(DateTime date, TimeZoneInfo zone) =>
        new(date, zone.GetUtcOffset(DateTime.SpecifyKind(date, DateTimeKind.Unspecified)));

    private static string Format(DateTimeOffset t, TimeZoneInfo zone, string separator) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString($"yyyy-MM-dd'{separator}'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<string> entries)
    {
        var sb = new StringBuilder("[");
        sb.AppendJoin(",", entries);
        return sb.Append(']').ToString();
    }

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
