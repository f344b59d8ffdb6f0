using System.Text.Json;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>
/// Reads the generic price sensor shape: attribute `prices`, a list of {time, value} with ISO times including the
/// offset, each value holding until the next entry (15- or 60-minute data). The unit is `unit_of_measurement`,
/// EUR/kWh when absent. Template sensors and FlexMeasures-style feeds can be made to write this shape.
/// </summary>
public static class TimeValuePrices
{
    private static readonly PriceEntryShape Shape = new(["time"], [], ["value"]);

    public static PriceFeedReading Read(IReadOnlyDictionary<string, JsonElement> attributes) =>
        PriceEntryReader.ReadInStatedUnit(attributes, ["prices"], Shape);
}
