using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>Prices as a planner needs them, with when they arrived (a change there is a re-plan trigger): what importing
/// costs and what exporting earns (null: the import price, net metering).</summary>
internal sealed record PriceData(TimeSeries<EnergyPrice> Prices, DateTimeOffset? ReceivedAt, TimeSeries<EnergyPrice>? SellPrices = null);

/// <summary>The latest prices, or none with the reason.</summary>
internal sealed record PriceRead(PriceData? Data, string? Problem);

/// <summary>Where the app gets energy prices: an HA price integration's entity, FlexMeasures or time-of-use windows (see <see cref="Prices.PriceSources"/>).</summary>
internal interface IPriceSource
{
    /// <summary>The HA entity whose changes mean new prices, or null when the prices do not come from HA.</summary>
    string? Entity { get; }

    Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct);
}
