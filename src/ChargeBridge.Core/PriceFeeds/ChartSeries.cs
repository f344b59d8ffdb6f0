using System.Text.Json.Serialization;
using ChargeBridge.Core.Prices;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>One point of a chart attribute: {"time": ISO 8601 with offset, "value": number or null}.</summary>
public sealed record ChartPoint(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("value")] double? Value);

/// <summary>
/// Writes a series as the list a sensor attribute holds for charts (apexcharts-card reads it with a data
/// generator). Each stretch without gaps ends with a null point at its end, so a step chart draws the last step
/// in full and breaks the line over a gap instead of joining across it.
/// </summary>
public static class ChartSeries
{
    public static IReadOnlyList<ChartPoint> From<T>(TimeSeries<T> series, Func<T, double> value, DateTimeOffset from, int decimals = 5)
        where T : struct
    {
        var points = new List<ChartPoint>();
        var resolution = series.Resolution;
        var visible = series.Points.Where(p => p.Start + resolution > from).ToList();
        for (var i = 0; i < visible.Count; i++)
        {
            var p = visible[i];
            points.Add(new ChartPoint(p.Start, Math.Round(value(p.Value), decimals)));
            var end = p.Start + resolution;
            if (i + 1 == visible.Count || visible[i + 1].Start != end) points.Add(new ChartPoint(end, null));
        }
        return points;
    }
}
