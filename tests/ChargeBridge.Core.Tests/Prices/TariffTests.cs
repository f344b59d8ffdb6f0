using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Prices;

public class TariffTests
{
    [Theory]
    [InlineData(0.10, 0.02, 0.21, 0.1452)]
    [InlineData(-0.20, 0.02, 0.21, -0.2178)]
    [InlineData(0.00, 0.00, 0.00, 0.00)]
    public void Net_price_is_market_plus_markup_times_one_plus_vat(double market, double markup, double vat, double expected) =>
        Assert.Equal(expected, new Tariff(new EnergyPrice(markup), vat).NetPrice(new EnergyPrice(market)).EurPerKwh, 12);

    [Fact]
    public void A_series_keeps_its_times_and_resolution()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var market = new TimeSeries<EnergyPrice>([new(t0, new EnergyPrice(0.1)), new(t0.AddMinutes(15), new EnergyPrice(-0.05))], TimeSpan.FromMinutes(15));
        var net = new Tariff(new EnergyPrice(0.05), 0.1).NetPrices(market);

        Assert.Equal(TimeSpan.FromMinutes(15), net.Resolution);
        Assert.Equal(0.165, net.ValueAt(t0)!.Value.EurPerKwh, 12);
        Assert.Equal(0.0, net.ValueAt(t0.AddMinutes(20))!.Value.EurPerKwh, 12);
    }
}
