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

public class TibberPricesTests
{
    private const string Json = """
        {"today":[
           {"total":0.2316,"energy":0.0333,"tax":0.1983,"startsAt":"2020-09-25T00:00:00+02:00"},
           {"total":0.2299,"energy":0.0319,"tax":0.198,"startsAt":"2020-09-25T01:00:00+02:00"}],
         "tomorrow":[
           {"total":0.2145,"energy":0.0172,"tax":0.1973,"startsAt":"2020-09-26T00:00:00+02:00"},
           {"total":null,"energy":null,"tax":null,"startsAt":"2020-09-26T01:00:00+02:00"}]}
        """;

    [Fact]
    public void Total_prices_of_today_and_tomorrow_are_read()
    {
        var reading = TibberPrices.Read(Attributes(Json));

        Assert.Equal([0.2316, 0.2299, 0.2145], reading.Prices.Points.Select(p => p.Value.EurPerKwh));
        Assert.Equal(TimeSpan.FromHours(1), reading.Prices.Resolution);
        Assert.Contains(reading.Skipped, s => s is { Attribute: "tomorrow", Index: 1 } && s.Reason == "total is null");
    }

    [Fact]
    public void The_energy_part_alone_can_be_read_for_a_household_tariff()
    {
        var reading = TibberPrices.Read(Attributes(Json), energyOnly: true);

        Assert.Equal(0.0333, reading.Prices.Points[0].Value.EurPerKwh, 12);
    }
}

public class OctopusPricesTests
{
    [Fact]
    public void Half_hourly_rates_in_pounds_cover_the_50_half_hours_of_the_autumn_change()
    {
        var rates = List(LocalDay(new DateTime(2024, 10, 27), London, TimeSpan.FromMinutes(30))
            .Select(s => $$"""{"start":"{{s.Start}}","end":"{{s.End}}","value_inc_vat":{{Num(0.15 + s.Index / 1000.0)}},"is_capped":false}"""));

        var reading = OctopusPrices.Read(Attributes($$"""{"event_type":"octopus_energy_electricity_current_day_rates","rates":{{rates}}}"""));

        Assert.Empty(reading.Skipped);
        Assert.Equal(TimeSpan.FromMinutes(30), reading.Prices.Resolution);
        Assert.Equal(50, reading.Prices.Points.Count);
        Assert.Equal(DateTimeOffset.Parse("2024-10-28T00:00:00Z"), reading.Prices.CoveredUntil(DateTimeOffset.Parse("2024-10-26T23:00:00Z")));
    }

    [Fact]
    public void Older_rates_in_pence_with_valid_from_are_converted()
    {
        var attributes = Attributes("""
            {"rates":[
              {"valid_from":"2023-09-18T16:00:00+00:00","valid_to":"2023-09-18T16:30:00+00:00","value_inc_vat":42.413175,"is_capped":false},
              {"valid_from":"2023-09-18T16:30:00+00:00","valid_to":"2023-09-18T17:00:00+00:00","value_inc_vat":-1.5,"is_capped":false}]}
            """);

        var reading = OctopusPrices.Read(attributes, "p/kWh");

        Assert.Equal([0.42413175, -0.015], reading.Prices.Points.Select(p => Math.Round(p.Value.EurPerKwh, 10)));
    }
}
