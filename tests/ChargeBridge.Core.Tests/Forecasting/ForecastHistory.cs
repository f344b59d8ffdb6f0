using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Forecasting;

/// <summary>Hourly histories for the forecaster tests, written as a function of the local time.</summary>
internal static class ForecastHistory
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Hourly points from <paramref name="from"/> until <paramref name="until"/>, each the value
    /// <paramref name="watts"/> gives for its local start (null: no point, a gap).</summary>
    public static TimeSeries<Power> Hourly(DateTimeOffset from, DateTimeOffset until, Func<DateTime, double?> watts)
    {
        var points = new List<TimePoint<Power>>();
        for (var t = from; t < until; t = t.AddHours(1))
            if (watts(TimeZoneInfo.ConvertTime(t, Amsterdam).DateTime) is { } w) points.Add(new(t, Power.FromWatts(w)));
        return new TimeSeries<Power>(points, TimeSpan.FromHours(1));
    }

    public static double Watts(TimeSeries<Power> series, DateTimeOffset at) => series.ValueAt(at)!.Value.Watts;
}
