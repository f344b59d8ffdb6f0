using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Prices;

public class TimeSeriesTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Hourly or quarter-hourly prices for one local day, built on the absolute time line.</summary>
    private static TimeSeries<EnergyPrice> LocalDay(DateOnly day, TimeSpan resolution)
    {
        var start = LocalMidnight(day);
        var end = LocalMidnight(day.AddDays(1));
        var points = new List<TimePoint<EnergyPrice>>();
        for (var (at, i) = (start, 0); at < end; at += resolution, i++)
            points.Add(new TimePoint<EnergyPrice>(at, new EnergyPrice(i / 100.0)));
        return new TimeSeries<EnergyPrice>(points, resolution);
    }

    private static DateTimeOffset LocalMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }

    [Theory]
    [InlineData("2024-03-31", 60, 23)]
    [InlineData("2024-10-27", 60, 25)]
    [InlineData("2024-06-01", 60, 24)]
    [InlineData("2024-03-31", 15, 23)]
    [InlineData("2024-10-27", 15, 25)]
    public void A_local_day_covers_its_real_length_on_daylight_saving_days(string day, int minutes, int hours)
    {
        var date = DateOnly.Parse(day);
        var series = LocalDay(date, TimeSpan.FromMinutes(minutes));
        var start = LocalMidnight(date);

        Assert.Equal(hours * 60 / minutes, series.Points.Count);
        Assert.Equal(start + TimeSpan.FromHours(hours), series.CoveredUntil(start));
        Assert.Equal(LocalMidnight(date.AddDays(1)), series.CoveredUntil(start));
    }

    [Fact]
    public void The_repeated_local_hour_of_the_autumn_change_has_two_prices()
    {
        var series = LocalDay(new DateOnly(2024, 10, 27), TimeSpan.FromHours(1));
        var first = new DateTimeOffset(2024, 10, 27, 2, 30, 0, TimeSpan.FromHours(2));
        var second = new DateTimeOffset(2024, 10, 27, 2, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal(new EnergyPrice(0.02), series.ValueAt(first));
        Assert.Equal(new EnergyPrice(0.03), series.ValueAt(second));
    }

    [Fact]
    public void A_gap_has_no_value_and_ends_the_covered_stretch()
    {
        var t0 = new DateTimeOffset(2024, 10, 27, 0, 0, 0, TimeSpan.Zero);
        var series = new TimeSeries<EnergyPrice>(
            [new(t0, new EnergyPrice(-0.1)), new(t0.AddHours(2), new EnergyPrice(0.2))], TimeSpan.FromHours(1));

        Assert.Equal(new EnergyPrice(-0.1), series.ValueAt(t0.AddMinutes(59)));
        Assert.Null(series.ValueAt(t0.AddHours(1)));
        Assert.Equal(t0.AddHours(1), series.CoveredUntil(t0.AddMinutes(10)));
        Assert.Equal(t0.AddHours(3), series.CoveredUntil(t0.AddHours(2)));
        Assert.Null(series.ValueAt(t0.AddHours(-1)));
    }

    [Fact]
    public void Before_keeps_only_what_was_published_by_then()
    {
        var series = LocalDay(new DateOnly(2024, 6, 1), TimeSpan.FromMinutes(15));
        var cut = series.Points[10].Start;
        var known = series.Before(cut);

        Assert.Equal(10, known.Points.Count);
        Assert.Equal(cut, known.CoveredUntil(series.Points[0].Start));
        Assert.Null(known.ValueAt(cut));
    }

    [Fact]
    public void Overlapping_points_are_rejected()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Throws<ArgumentException>(() => new TimeSeries<EnergyPrice>(
            [new(t0, new EnergyPrice(0)), new(t0.AddMinutes(30), new EnergyPrice(0))], TimeSpan.FromHours(1)));
    }
}
