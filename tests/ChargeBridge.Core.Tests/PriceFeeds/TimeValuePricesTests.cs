using ChargeBridge.Core.PriceFeeds;
using static ChargeBridge.Core.Tests.PriceFeeds.PriceJson;

namespace ChargeBridge.Core.Tests.PriceFeeds;

public class TimeValuePricesTests
{
    [Fact]
    public void Prices_in_eur_per_mwh_on_the_spring_daylight_saving_day_become_23_hours_in_eur_per_kwh()
    {
        var prices = List(LocalDay(new DateTime(2025, 3, 30), Amsterdam, TimeSpan.FromHours(1))
            .Select(s => $$"""{"time":"{{s.Start}}","value":{{Num(100 + s.Index)}}}"""));

        var reading = TimeValuePrices.Read(Attributes($$"""{"unit_of_measurement":"EUR/MWh","prices":{{prices}}}"""));

        Assert.Empty(reading.Skipped);
        Assert.Equal(23, reading.Prices.Points.Count);
        Assert.Equal(0.102, reading.Prices.ValueAt(DateTimeOffset.Parse("2025-03-30T03:30:00+02:00"))!.Value.EurPerKwh, 12);
    }

    [Fact]
    public void A_null_value_is_skipped_and_leaves_a_gap_and_a_time_without_offset_is_refused()
    {
        var reading = TimeValuePrices.Read(Attributes("""
            {"prices":[{"time":"2026-03-01T00:00:00Z","value":0.1},{"time":"2026-03-01T00:15:00Z","value":null},
                       {"time":"2026-03-01T00:30:00Z","value":"0.3"},{"time":"2026-03-01T00:45:00Z","value":0.35},
                       {"time":"2026-03-01T01:00:00","value":0.4}]}
            """));

        Assert.Equal(TimeSpan.FromMinutes(15), reading.Prices.Resolution);
        Assert.Equal(3, reading.Prices.Points.Count);
        Assert.Null(reading.Prices.ValueAt(DateTimeOffset.Parse("2026-03-01T00:20:00Z")));
        Assert.Equal(["value is null", "time '2026-03-01T01:00:00' has no UTC offset"], reading.Skipped.Select(s => s.Reason));
    }
}
