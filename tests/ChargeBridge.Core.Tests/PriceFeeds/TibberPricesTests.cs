using ChargeBridge.Core.PriceFeeds;
using static ChargeBridge.Core.Tests.PriceFeeds.PriceJson;

namespace ChargeBridge.Core.Tests.PriceFeeds;

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
