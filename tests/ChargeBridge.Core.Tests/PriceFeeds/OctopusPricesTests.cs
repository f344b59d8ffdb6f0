using ChargeBridge.Core.PriceFeeds;
using static ChargeBridge.Core.Tests.PriceFeeds.PriceJson;

namespace ChargeBridge.Core.Tests.PriceFeeds;

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
