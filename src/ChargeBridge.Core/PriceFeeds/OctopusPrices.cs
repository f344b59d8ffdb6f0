using System.Text.Json;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>
/// Reads Octopus Energy rate lists (BottlecapDave/HomeAssistant-OctopusEnergy): the `rates` of the
/// current/next-day rates event entities, entries {start, end, value_inc_vat, is_capped} in GBP/kWh, half-hourly
/// (HomeAssistant-OctopusEnergy#937, #1631). Older versions wrote {valid_from, valid_to, value_inc_vat} in p/kWh
/// (#357); pass that unit when reading them.
/// </summary>
public static class OctopusPrices
{
    private static readonly PriceEntryShape Shape = new(["start", "valid_from"], ["end", "valid_to"], ["value_inc_vat"]);

    public static PriceFeedReading Read(IReadOnlyDictionary<string, JsonElement> attributes, string unit = "GBP/kWh") =>
        PriceEntryReader.Read(attributes, ["rates"], Shape, unit);
}
