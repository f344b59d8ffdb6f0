using ChargeBridge.Core.Prices;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// The household's net prices: the market prices with the markup and VAT helpers applied through <see cref="Tariff"/>
/// (net = (market + markup) × (1 + VAT)), and what exporting earns. A change of either helper changes every price,
/// so it counts as new prices.
/// </summary>
internal sealed class NetPriceSource(IPriceSource market, IHaContext ha, ExportPrices export) : IPriceSource
{
    public string? Entity => market.Entity;

    public async Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var read = await market.ReadAsync(now, ct);
        if (read.Data is not { } data) return read;
        var tariff = HelperSettings.ReadTariff(ha);
        var changed = new[] { V2GEntities.PriceMarkup, V2GEntities.Vat }
            .Select(h => ha.GetState(h.EntityId)?.LastChanged).Append(data.ReceivedAt).Max();
        return new(await export.AddAsync(new PriceData(tariff.NetPrices(data.Prices), changed), data.Prices, now, ct), null);
    }
}
