using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.PriceFeeds;

public class PriceAlertsTests
{
    private static readonly TimeZoneInfo Amsterdam = PriceJson.Amsterdam;

    private static TimeSeries<EnergyPrice> Hourly(DateTimeOffset start, params double[] prices) =>
        new(prices.Select((p, i) => new TimePoint<EnergyPrice>(start.AddHours(i), new EnergyPrice(p))), TimeSpan.FromHours(1));

    [Fact]
    public void The_first_negative_stretch_ahead_is_found_with_its_lowest_price()
    {
        var t0 = DateTimeOffset.Parse("2025-05-11T08:00:00+02:00");
        var prices = Hourly(t0, 0.05, 0.01, -0.02, -0.08, -0.01, 0.03, -0.5);

        var window = PriceAlerts.NegativePricesAhead(prices, t0, TimeSpan.FromHours(12));

        Assert.Equal(new NegativePriceWindow(t0.AddHours(2), t0.AddHours(5), new EnergyPrice(-0.08)), window);
    }

    [Fact]
    public void Negative_prices_beyond_the_lookahead_or_already_past_are_not_reported()
    {
        var t0 = DateTimeOffset.Parse("2025-05-11T08:00:00+02:00");
        var prices = Hourly(t0, -0.1, 0.05, 0.05, 0.05, -0.2);

        Assert.Null(PriceAlerts.NegativePricesAhead(prices, t0.AddHours(1), TimeSpan.FromHours(3)));
        Assert.NotNull(PriceAlerts.NegativePricesAhead(prices, t0.AddHours(1), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void A_running_negative_stretch_counts()
    {
        var t0 = DateTimeOffset.Parse("2025-05-11T08:00:00+02:00");

        var window = PriceAlerts.NegativePricesAhead(Hourly(t0, -0.1, -0.2, 0.1), t0.AddMinutes(30), TimeSpan.FromHours(1));

        Assert.Equal((t0, t0.AddHours(2)), (window!.Start, window.End));
    }

    [Fact]
    public void Before_publication_time_today_is_enough_and_after_it_tomorrow_is_needed()
    {
        var midnight = DateTimeOffset.Parse("2025-05-11T00:00:00+02:00");
        var prices = Hourly(midnight, Enumerable.Repeat(0.1, 24).ToArray());
        var publishedBy = TimeSpan.FromHours(15);

        Assert.False(PriceAlerts.Coverage(prices, midnight.AddHours(14), Amsterdam, publishedBy).Missing);
        var late = PriceAlerts.Coverage(prices, midnight.AddHours(15), Amsterdam, publishedBy);
        Assert.True(late.Missing);
        Assert.Equal(midnight.AddDays(1), late.CoveredUntil);
        Assert.Equal(midnight.AddDays(2), late.RequiredUntil);
    }

    [Fact]
    public void A_gap_today_means_price_data_is_missing()
    {
        var midnight = DateTimeOffset.Parse("2025-05-11T00:00:00+02:00");
        var points = Hourly(midnight, Enumerable.Repeat(0.1, 24).ToArray()).Points.Where((_, i) => i != 20);
        var prices = new TimeSeries<EnergyPrice>(points, TimeSpan.FromHours(1));

        var coverage = PriceAlerts.Coverage(prices, midnight.AddHours(9), Amsterdam, TimeSpan.FromHours(15));

        Assert.True(coverage.Missing);
        Assert.Equal(midnight.AddHours(20), coverage.CoveredUntil);
    }

    [Fact]
    public void On_the_25_hour_day_tomorrow_ends_at_the_next_local_midnight()
    {
        var now = DateTimeOffset.Parse("2024-10-26T16:00:00+02:00");

        var coverage = PriceAlerts.Coverage(Hourly(now, 1), now, Amsterdam, TimeSpan.FromHours(15));

        // 27 October has 25 hours: it ends at 2024-10-28T00:00+01:00, 23:00 UTC.
        Assert.Equal(DateTimeOffset.Parse("2024-10-27T23:00:00Z"), coverage.RequiredUntil);
    }
}
