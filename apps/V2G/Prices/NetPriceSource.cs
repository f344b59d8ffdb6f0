using ChargeBridge.Core.Prices;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// The household's net prices: the market prices with the markup and VAT controls applied through <see cref="Tariff"/>
/// (net = (market + markup) × (1 + VAT)), and what exporting earns. A change of either changes every price,
/// so it counts as new prices.
/// </summary>
internal sealed class NetPriceSource(IPriceSource market, IControlEntities controls, ExportPrices export) : IPriceSource
{
    public string? Entity => market.Entity;

    public async Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var read = await market.ReadAsync(now, ct);
        if (read.Data is not { } data) return read;
        var tariff = HelperSettings.ReadTariff(controls);
        var changed = new[] { V2GEntities.PriceMarkup, V2GEntities.Vat }
            .Select(h => controls.Get(h)?.LastChanged).Append(data.ReceivedAt).Max();
        return new(await export.AddAsync(new PriceData(tariff.NetPrices(data.Prices), changed), data.Prices, now, ct), null);
    }
}
