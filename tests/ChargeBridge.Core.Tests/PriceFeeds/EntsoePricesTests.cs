using ChargeBridge.Core.PriceFeeds;
using static ChargeBridge.Core.Tests.PriceFeeds.PriceJson;

namespace ChargeBridge.Core.Tests.PriceFeeds;

public class EntsoePricesTests
{
    [Fact]
    public void Quarter_hour_prices_with_space_separated_times_are_read()
    {
        var prices = List(LocalDay(new DateTime(2025, 10, 2), Amsterdam, TimeSpan.FromMinutes(15), " ")
            .Select(s => $$"""{"time":"{{s.Start}}","price":{{Num(0.1 + s.Index / 1000.0)}}}"""));

        var reading = EntsoePrices.Read(Attributes($$"""{"unit_of_measurement":"€/kWh","prices":{{prices}}}"""));

        Assert.Empty(reading.Skipped);
        Assert.Equal(TimeSpan.FromMinutes(15), reading.Prices.Resolution);
        Assert.Equal(96, reading.Prices.Points.Count);
        Assert.Equal(0.104, reading.Prices.ValueAt(DateTimeOffset.Parse("2025-10-02T01:05:00+02:00"))!.Value.EurPerKwh, 12);
    }

    [Fact]
    public void The_autumn_daylight_saving_day_keeps_both_two_oclock_hours_and_a_missing_hour_stays_a_gap()
    {
        var prices = List(LocalDay(new DateTime(2024, 10, 27), Amsterdam, TimeSpan.FromHours(1), " ")
            .Where(s => s.Index != 10)
            .Select(s => $$"""{"time":"{{s.Start}}","price":{{Num(s.Index)}}}"""));

        var series = EntsoePrices.Read(Attributes($$"""{"prices":{{prices}}}""")).Prices;

        Assert.Equal(24, series.Points.Count);
        Assert.Equal(2, series.ValueAt(DateTimeOffset.Parse("2024-10-27T02:30:00+02:00"))!.Value.EurPerKwh);
        Assert.Equal(3, series.ValueAt(DateTimeOffset.Parse("2024-10-27T02:30:00+01:00"))!.Value.EurPerKwh);
        Assert.Null(series.ValueAt(DateTimeOffset.Parse("2024-10-27T09:30:00+01:00")));
    }
}
