using System.Text.Json;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>
/// Reads the Nord Pool custom integration (custom-components/nordpool). Its sensor carries `raw_today` and
/// `raw_tomorrow`: lists of {start, end, value} with ISO times including the offset, e.g.
/// `{start: '2024-10-09T00:00:00+03:00', end: '2024-10-09T01:00:00+03:00', value: 0.001}`; `raw_tomorrow` is empty
/// or holds null values until tomorrow is published (custom-components/nordpool#72, #413). The unit is
/// `unit_of_measurement` ("EUR/kWh"), or `unit` ("kWh"/"MWh") with `price_in_cents` (nordpool#345).
/// </summary>
public static class NordPoolPrices
{
    private static readonly PriceEntryShape Shape = new(["start"], ["end"], ["value"]);

    public static PriceFeedReading Read(IReadOnlyDictionary<string, JsonElement> attributes)
    {
        var factor = Factor(attributes);
        return factor is null
            ? PriceEntryReader.Unreadable("unit_of_measurement", "the price unit is missing or not a price per energy")
            : PriceEntryReader.Read(attributes, ["raw_today", "raw_tomorrow"], Shape, factor.Value);
    }

    private static double? Factor(IReadOnlyDictionary<string, JsonElement> attributes)
    {
        if (PriceEntryReader.Text(attributes, "unit_of_measurement") is { } uom && PriceUnit.ToPerKwhFactor(uom) is { } f)
            return f;
        if (PriceEntryReader.Text(attributes, "unit") is not { } unit) return null;
        if (PriceUnit.ToPerKwhFactor(unit) is { } full) return full;
        var inCents = attributes.TryGetValue("price_in_cents", out var c) && c.ValueKind == JsonValueKind.True;
        return PriceUnit.ToPerKwhFactor((inCents ? "c/" : "EUR/") + unit);
    }
}
