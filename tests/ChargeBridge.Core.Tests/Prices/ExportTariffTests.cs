using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Prices;

public class ExportTariffTests
{
    private static readonly DateTimeOffset T0 = new(2024, 10, 27, 0, 0, 0, TimeSpan.Zero);

    private static TimeSeries<EnergyPrice> Series(params double[] prices) =>
        new(prices.Select((p, i) => new TimePoint<EnergyPrice>(T0.AddHours(i), new EnergyPrice(p))), TimeSpan.FromHours(1));

    private static readonly TimeSeries<EnergyPrice> Market = Series(0.10, -0.05);
    private static readonly TimeSeries<EnergyPrice> Import = new Tariff(new EnergyPrice(0.13), 0.21).NetPrices(Market);

    private static double[] Values(TimeSeries<EnergyPrice> series) => series.Points.Select(p => Math.Round(p.Value.EurPerKwh, 6)).ToArray();

    [Fact]
    public void Net_metering_sells_at_the_import_price() =>
        Assert.Same(Import, new ExportTariff(ExportKind.Net).SellPrices(Import, Market, null));

    [Fact]
    public void Market_export_sells_at_the_bare_market_price_negative_included() =>
        Assert.Equal([0.10, -0.05], Values(new ExportTariff(ExportKind.Market).SellPrices(Import, Market, null)));

    [Fact]
    public void A_fixed_feed_in_covers_the_import_slots()
    {
        var sell = new ExportTariff(ExportKind.Fixed, new EnergyPrice(0.07)).SellPrices(Import, null, null);

        Assert.Equal([0.07, 0.07], Values(sell));
        Assert.Equal(Import.Points.Select(p => p.Start), sell.Points.Select(p => p.Start));
    }

    [Fact]
    public void An_export_entity_sells_at_its_prices_over_the_import_slots_and_where_it_has_none_at_nothing()
    {
        var entity = new ExportTariff(ExportKind.Entity);

        Assert.Equal([0.12, 0.09], Values(entity.SellPrices(Import, null, Series(0.12, 0.09, 0.30))));
        Assert.Equal([0.12, 0.0], Values(entity.SellPrices(Import, null, Series(0.12))));
        Assert.Equal([0.0, 0.0], Values(entity.SellPrices(Import, null, null)));
    }

    [Fact]
    public void Half_hourly_export_rates_on_hourly_import_prices_keep_their_half_hours()
    {
        var outgoing = new TimeSeries<EnergyPrice>(
            new[] { 0.11, 0.12, 0.13, 0.14 }.Select((p, i) => new TimePoint<EnergyPrice>(T0.AddMinutes(30 * i), new EnergyPrice(p))), TimeSpan.FromMinutes(30));

        var sell = new ExportTariff(ExportKind.Entity).SellPrices(Import, null, outgoing);

        Assert.Equal(TimeSpan.FromMinutes(30), sell.Resolution);
        Assert.Equal([0.11, 0.12, 0.13, 0.14], Values(sell));
    }
}
