using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// Adds what exporting earns to the import prices, by the household's <see cref="ExportTariff"/>; an export entity is
/// read with each import read, and its update counts as new prices. A failing export entity is logged once per change.
/// </summary>
internal sealed class ExportPrices(ExportTariff tariff, IPriceSource? entity, ILogger logger)
{
    private string? _problem;

    /// <summary>The HA entity whose changes mean new export prices, if any.</summary>
    public string? Entity => entity?.Entity;

    /// <param name="market">The bare market prices behind <paramref name="import"/>; null with a time-of-use import.</param>
    public async Task<PriceData> AddAsync(PriceData import, TimeSeries<EnergyPrice>? market, DateTimeOffset now, CancellationToken ct)
    {
        if (tariff.Kind == ExportKind.Net) return import;
        var read = entity is null ? null : await entity.ReadAsync(now, ct);
        if (read?.Problem != _problem)
        {
            _problem = read?.Problem;
            if (_problem is not null) logger.LogWarning("No export prices ({Problem}); planning as if exporting earned nothing", _problem);
        }
        var received = new[] { import.ReceivedAt, read?.Data?.ReceivedAt }.Max();
        return import with { ReceivedAt = received, SellPrices = tariff.SellPrices(import.Prices, market, read?.Data?.Prices) };
    }
}
