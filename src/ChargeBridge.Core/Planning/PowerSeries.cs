using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>Energy from a power forecast over a stretch of time, whatever the forecast's resolution.</summary>
internal static class PowerSeries
{
    /// <summary>
    /// kWh over [<paramref name="from"/>, <paramref name="to"/>): each point's power times its overlap with the stretch.
    /// A gap, a value that is not a number or a negative one counts as 0 W, so a broken forecast never makes energy up.
    /// </summary>
    public static double EnergyKwh(TimeSeries<Power> series, DateTimeOffset from, DateTimeOffset to)
    {
        var points = series.Points;
        var i = Math.Max(0, series.IndexAtOrBefore(from));
        var kwh = 0.0;
        for (; i < points.Count && points[i].Start < to; i++)
        {
            var start = points[i].Start > from ? points[i].Start : from;
            var endOfPoint = points[i].Start + series.Resolution;
            var end = endOfPoint < to ? endOfPoint : to;
            var watts = points[i].Value.Watts;
            if (end > start && double.IsFinite(watts) && watts > 0) kwh += watts / 1000 * (end - start).TotalHours;
        }
        return kwh;
    }
}
