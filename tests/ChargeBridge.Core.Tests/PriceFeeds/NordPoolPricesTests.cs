using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.PriceFeeds.PriceJson;

namespace ChargeBridge.Core.Tests.PriceFeeds;

public class NordPoolPricesTests
{
    private static string Day(DateTime date, TimeSpan step, Func<int, string> value) =>
        List(LocalDay(date, Amsterdam, step).Select(s => $$"""{"start":"{{s.Start}}","end":"{{s.End}}","value":{{value(s.Index)}}}"""));

    [Fact]
    public void An_hourly_day_in_eur_per_kwh_becomes_hourly_points()
    {
        var attributes = Attributes("""
            {"unit_of_measurement":"EUR/kWh","currency":"EUR","tomorrow_valid":false,
             "raw_today":[
               {"start":"2024-10-09T00:00:00+02:00","end":"2024-10-09T01:00:00+02:00","value":0.0812},
               {"start":"2024-10-09T01:00:00+02:00","end":"2024-10-09T02:00:00+02:00","value":-0.0031},
               {"start":"2024-10-09T02:00:00+02:00","end":"2024-10-09T03:00:00+02:00","value":0.0655}],
             "raw_tomorrow":[]}
            """);

        var reading = NordPoolPrices.Read(attributes);

        Assert.Empty(reading.Skipped);
        Assert.Equal(TimeSpan.FromHours(1), reading.Prices.Resolution);
        Assert.Equal(3, reading.Prices.Points.Count);
        Assert.Equal(-0.0031, reading.Prices.ValueAt(DateTimeOffset.Parse("2024-10-08T23:30:00Z"))!.Value.EurPerKwh, 12);
    }

    [Fact]
    public void The_autumn_daylight_saving_day_has_25_distinct_hours()
    {
        var attributes = Attributes($$"""{"unit_of_measurement":"EUR/kWh","raw_today":{{Day(new DateTime(2024, 10, 27), TimeSpan.FromHours(1), i => Num(i / 100.0))}}}""");

        var prices = NordPoolPrices.Read(attributes).Prices;

        Assert.Equal(25, prices.Points.Count);
        var start = DateTimeOffset.Parse("2024-10-26T22:00:00Z");
        Assert.Equal(DateTimeOffset.Parse("2024-10-27T23:00:00Z"), prices.CoveredUntil(start));
        // 02:00+02:00 and 02:00+01:00 are the third and fourth hour, one after the other.
        Assert.Equal(0.02, prices.ValueAt(DateTimeOffset.Parse("2024-10-27T02:00:00+02:00"))!.Value.EurPerKwh, 12);
        Assert.Equal(0.03, prices.ValueAt(DateTimeOffset.Parse("2024-10-27T02:00:00+01:00"))!.Value.EurPerKwh, 12);
    }

    [Fact]
    public void The_spring_daylight_saving_day_has_23_hours_in_quarter_hours()
    {
        var attributes = Attributes($$"""{"unit_of_measurement":"EUR/kWh","raw_today":{{Day(new DateTime(2025, 3, 30), TimeSpan.FromMinutes(15), i => Num(i / 1000.0))}}}""");

        var prices = NordPoolPrices.Read(attributes).Prices;

        Assert.Equal(TimeSpan.FromMinutes(15), prices.Resolution);
        Assert.Equal(92, prices.Points.Count);
        Assert.Equal(DateTimeOffset.Parse("2025-03-30T22:00:00Z"), prices.CoveredUntil(DateTimeOffset.Parse("2025-03-29T23:00:00Z")));
    }

    [Theory]
    [InlineData("""{"unit_of_measurement":"EUR/MWh"}""", 0.0856)]
    [InlineData("""{"unit_of_measurement":"c/kWh"}""", 0.856)]
    [InlineData("""{"unit":"kWh","currency":"EUR","price_in_cents":true}""", 0.856)]
    [InlineData("""{"unit":"MWh","currency":"EUR","price_in_cents":false}""", 0.0856)]
    [InlineData("""{"unit":"kWh","currency":"SEK","price_in_cents":false}""", 85.6)]
    public void The_stated_unit_converts_values_to_per_kwh(string unitAttributes, double expected)
    {
        var json = unitAttributes.TrimEnd('}') + ""","raw_today":[{"start":"2024-01-10T00:00:00+01:00","end":"2024-01-10T01:00:00+01:00","value":85.6}]}""";

        var prices = NordPoolPrices.Read(Attributes(json)).Prices;

        Assert.Equal(expected, prices.Points.Single().Value.EurPerKwh, 12);
    }

    [Fact]
    public void An_unknown_unit_gives_no_prices_and_says_why()
    {
        var reading = NordPoolPrices.Read(Attributes("""{"unit_of_measurement":"EUR","raw_today":[{"start":"2024-01-10T00:00:00+01:00","end":"2024-01-10T01:00:00+01:00","value":85.6}]}"""));

        Assert.Empty(reading.Prices.Points);
        Assert.Contains("unit", reading.Skipped.Single().Reason);
    }

    [Fact]
    public void Null_unknown_and_malformed_entries_are_skipped_with_a_reason()
    {
        var attributes = Attributes("""
            {"unit_of_measurement":"EUR/kWh",
             "raw_today":[
               {"start":"2024-06-14T00:00:00+02:00","end":"2024-06-14T01:00:00+02:00","value":0.0592},
               {"start":"2024-06-14T01:00:00+02:00","end":"2024-06-14T02:00:00+02:00","value":"unknown"},
               {"start":"2024-13-14T02:00:00+02:00","end":"2024-06-14T03:00:00+02:00","value":0.05},
               {"start":"2024-06-14T03:00:00","end":"2024-06-14T04:00:00","value":0.05},
               "unavailable",
               {"start":"2024-06-14T04:00:00+02:00","end":"2024-06-14T05:00:00+02:00","value":0.0531}],
             "raw_tomorrow":[
               {"start":"2024-06-15T00:00:00+02:00","end":"2024-06-15T01:00:00+02:00","value":null}]}
            """);

        var reading = NordPoolPrices.Read(attributes);

        Assert.Equal(2, reading.Prices.Points.Count);
        Assert.Equal(5, reading.Skipped.Count);
        Assert.Contains(reading.Skipped, s => s is { Attribute: "raw_today", Index: 1 } && s.Reason.Contains("not a number"));
        Assert.Contains(reading.Skipped, s => s is { Index: 2 } && s.Reason.Contains("not an ISO 8601 time"));
        Assert.Contains(reading.Skipped, s => s is { Index: 3 } && s.Reason.Contains("no UTC offset"));
        Assert.Contains(reading.Skipped, s => s is { Index: 4 } && s.Reason.Contains("not an object"));
        Assert.Contains(reading.Skipped, s => s is { Attribute: "raw_tomorrow", Index: 0 } && s.Reason.Contains("null"));
        // The skipped hours are gaps, not zeros.
        Assert.Null(reading.Prices.ValueAt(DateTimeOffset.Parse("2024-06-14T01:30:00+02:00")));
    }

    [Fact]
    public void Tomorrow_repeating_today_is_skipped_rather_than_overlapping()
    {
        var today = Day(new DateTime(2024, 2, 1), TimeSpan.FromHours(1), i => Num(i / 100.0));
        var attributes = Attributes($$"""{"unit_of_measurement":"EUR/kWh","raw_today":{{today}},"raw_tomorrow":{{today}}}""");

        var reading = NordPoolPrices.Read(attributes);

        Assert.Equal(24, reading.Prices.Points.Count);
        Assert.Equal(24, reading.Skipped.Count(s => s.Attribute == "raw_tomorrow" && s.Reason.Contains("overlaps")));
    }

    [Fact]
    public void An_hourly_entry_among_quarter_hours_is_split_into_quarter_hours()
    {
        var attributes = Attributes("""
            {"unit_of_measurement":"EUR/kWh",
             "raw_today":[
               {"start":"2025-10-01T00:00:00+02:00","end":"2025-10-01T01:00:00+02:00","value":0.10},
               {"start":"2025-10-01T01:00:00+02:00","end":"2025-10-01T01:15:00+02:00","value":0.20},
               {"start":"2025-10-01T01:15:00+02:00","end":"2025-10-01T01:30:00+02:00","value":0.30}]}
            """);

        var prices = NordPoolPrices.Read(attributes).Prices;

        Assert.Equal(TimeSpan.FromMinutes(15), prices.Resolution);
        Assert.Equal(6, prices.Points.Count);
        Assert.Equal(0.10, prices.ValueAt(DateTimeOffset.Parse("2025-10-01T00:50:00+02:00"))!.Value.EurPerKwh, 12);
    }

    [Fact]
    public void The_tariff_adds_markup_and_vat()
    {
        var attributes = Attributes("""{"unit_of_measurement":"EUR/kWh","raw_today":[{"start":"2024-01-10T00:00:00+01:00","end":"2024-01-10T01:00:00+01:00","value":-0.05}]}""");

        var net = NordPoolPrices.Read(attributes).WithTariff(new Tariff(new EnergyPrice(0.02), 0.21)).Prices;

        Assert.Equal((-0.05 + 0.02) * 1.21, net.Points.Single().Value.EurPerKwh, 12);
    }
}
