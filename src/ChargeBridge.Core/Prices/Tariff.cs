using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Prices;

/// <summary>A dynamic tariff: the price a household pays is (market price + markup per kWh) × (1 + VAT).</summary>
public sealed record Tariff(EnergyPrice Markup, double VatRate)
{
    public EnergyPrice NetPrice(EnergyPrice market) => new((market.EurPerKwh + Markup.EurPerKwh) * (1 + VatRate));

    public TimeSeries<EnergyPrice> NetPrices(TimeSeries<EnergyPrice> market) => market.Map(NetPrice);
}
