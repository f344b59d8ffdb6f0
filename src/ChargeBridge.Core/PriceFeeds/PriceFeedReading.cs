using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>One entry of a price attribute that was left out, and why (null, "unknown", malformed, duplicate).</summary>
public sealed record SkippedPriceEntry(string Attribute, int Index, string Reason);

/// <summary>
/// The prices read from one price entity. Prices are per kWh in the feed's currency (<see cref="EnergyPrice"/>'s
/// "EUR" stands for the household's currency); skipped entries are reported, never thrown, so one bad value does
/// not cost the whole day.
/// </summary>
public sealed record PriceFeedReading(TimeSeries<EnergyPrice> Prices, IReadOnlyList<SkippedPriceEntry> Skipped)
{
    /// <summary>The same reading with the household's markup and VAT applied.</summary>
    public PriceFeedReading WithTariff(Tariff tariff) => this with { Prices = tariff.NetPrices(Prices) };
}
