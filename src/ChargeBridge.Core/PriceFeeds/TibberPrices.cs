using System.Text.Json;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>
/// Reads Tibber price lists (`today` / `tomorrow`, as the Tibber API's priceInfo and the tibber_data integration
/// expose them): entries {total, energy, tax, startsAt} with startsAt like '2020-09-25T00:00:00+02:00'
/// (Maverick78de/SMA_forecast_charging#2, Danielhiversen/home_assistant_tibber_data#34). `total` includes
/// Tibber's taxes; `energy` is the spot part, for households that apply their own <see cref="Prices.Tariff"/>.
/// </summary>
public static class TibberPrices
{
    public static PriceFeedReading Read(IReadOnlyDictionary<string, JsonElement> attributes, bool energyOnly = false)
    {
        var shape = new PriceEntryShape(["startsAt"], [], energyOnly ? ["energy"] : ["total"]);
        return PriceEntryReader.ReadInStatedUnit(attributes, ["today", "tomorrow"], shape);
    }
}
