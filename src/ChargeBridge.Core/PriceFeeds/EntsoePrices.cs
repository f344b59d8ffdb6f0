using System.Text.Json;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>
/// Reads the ENTSO-E integration (JaccoR/hass-entso-e). Its sensor carries `prices`: a list of {time, price} with
/// times like '2024-09-27 01:00:00+02:00' (local time with offset, JaccoR/hass-entso-e#182, #10) and prices in
/// EUR/kWh; there is no end, so each entry lasts the shortest step between entries (60 or, since October 2025,
/// 15 minutes).
/// </summary>
public static class EntsoePrices
{
    private static readonly PriceEntryShape Shape = new(["time"], [], ["price"]);

    public static PriceFeedReading Read(IReadOnlyDictionary<string, JsonElement> attributes) =>
        PriceEntryReader.ReadInStatedUnit(attributes, ["prices"], Shape);
}
