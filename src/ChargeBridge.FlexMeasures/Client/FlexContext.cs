using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>Price sensors the scheduler optimises against, and whether it may breach SoC and capacity limits at a price
/// rather than fail (relaxing keeps a schedule coming when a calendar target cannot be met in full).</summary>
public sealed record FlexContext(int ConsumptionPriceSensor, int ProductionPriceSensor, bool RelaxSocConstraints, bool RelaxCapacityConstraints)
{
    public JsonObject ToJson() => new()
    {
        ["consumption-price"] = new JsonObject { ["sensor"] = ConsumptionPriceSensor },
        ["production-price"] = new JsonObject { ["sensor"] = ProductionPriceSensor },
        ["relax-soc-constraints"] = RelaxSocConstraints,
        ["relax-capacity-constraints"] = RelaxCapacityConstraints,
    };
}
