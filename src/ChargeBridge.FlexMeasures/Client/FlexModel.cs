using System.Text.Json.Nodes;
using ChargeBridge.Core.Units;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>
/// The storage flex-model of one charger + car. Powers are consumption-positive (charging) as in FlexMeasures.
/// <see cref="SocMinima"/> are calendar targets (soft, priced by the flex-context), <see cref="SocMaxima"/> the soft
/// ceiling; <see cref="ConsumptionCapacity"/>/<see cref="ProductionCapacity"/> cover the horizon and are zero during
/// events. Empty lists are left out of the request.
/// </summary>
public sealed record FlexModel(
    Energy SocAtStart,
    Energy SocMin,
    Energy SocMax,
    Power PowerCapacity,
    Percent RoundtripEfficiency,
    IReadOnlyList<TimedValue<Energy>> SocMinima,
    IReadOnlyList<TimedValue<Energy>> SocMaxima,
    IReadOnlyList<TimedValue<Power>> ConsumptionCapacity,
    IReadOnlyList<TimedValue<Power>> ProductionCapacity)
{
    /// <param name="sensor">The power sensor; the asset endpoint needs it to know which device the model is for.</param>
    public JsonObject ToJson(int? sensor = null)
    {
        var json = new JsonObject();
        if (sensor is { } id) json["sensor"] = id;
        json["soc-unit"] = "kWh";
        json["soc-at-start"] = Quantity.Of(SocAtStart);
        json["soc-min"] = Quantity.Of(SocMin);
        json["soc-max"] = Quantity.Of(SocMax);
        json["power-capacity"] = Quantity.Of(PowerCapacity);
        json["roundtrip-efficiency"] = Quantity.Of(RoundtripEfficiency);
        if (SocMinima.Count > 0) json["soc-minima"] = Quantity.Series(SocMinima, Quantity.Of);
        if (SocMaxima.Count > 0) json["soc-maxima"] = Quantity.Series(SocMaxima, Quantity.Of);
        if (ConsumptionCapacity.Count > 0) json["consumption-capacity"] = Quantity.Series(ConsumptionCapacity, Quantity.Of);
        if (ProductionCapacity.Count > 0) json["production-capacity"] = Quantity.Series(ProductionCapacity, Quantity.Of);
        return json;
    }
}
