using System.Text.Json;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.PriceFeeds;

public class ChartSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 0, 0, 0, TimeSpan.FromHours(2));

    private static TimeSeries<EnergyPrice> Series(params (int Quarter, double Price)[] points) =>
        new(points.Select(p => new TimePoint<EnergyPrice>(T0.AddMinutes(15 * p.Quarter), new EnergyPrice(p.Price))), TimeSpan.FromMinutes(15));

    [Fact]
    public void Each_stretch_ends_with_a_null_point_so_gaps_are_not_joined()
    {
        var chart = ChartSeries.From(Series((0, 0.1), (1, 0.2), (3, 0.3)), p => p.EurPerKwh, T0);

        Assert.Equal(
            [(T0, 0.1), (T0.AddMinutes(15), 0.2), (T0.AddMinutes(30), null), (T0.AddMinutes(45), 0.3), (T0.AddMinutes(60), (double?)null)],
            chart.Select(p => (p.Time, p.Value)));
    }

    [Fact]
    public void Points_that_ended_before_from_are_left_out()
    {
        var chart = ChartSeries.From(Series((0, 0.1), (1, 0.2), (2, 0.3)), p => p.EurPerKwh, T0.AddMinutes(20));

        Assert.Equal([0.2, 0.3, null], chart.Select(p => p.Value));
    }

    [Fact]
    public void It_serialises_as_time_and_value()
    {
        var json = JsonSerializer.Serialize(ChartSeries.From(Series((0, 0.123456789)), p => p.EurPerKwh, T0));

        Assert.Equal("""[{"time":"2025-06-01T00:00:00+02:00","value":0.12346},{"time":"2025-06-01T00:15:00+02:00","value":null}]""", json);
    }
}
