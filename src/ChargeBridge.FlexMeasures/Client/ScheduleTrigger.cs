using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>What to schedule: the horizon from <see cref="Start"/>, the set-point resolution, the device and its context.</summary>
public sealed record ScheduleTrigger(DateTimeOffset Start, TimeSpan Duration, TimeSpan Resolution, FlexModel FlexModel, FlexContext FlexContext)
{
    /// <summary>Body of <c>POST /api/v3_0/sensors/&lt;id&gt;/schedules/trigger</c>: flex-model and flex-context are objects.</summary>
    public JsonObject ToSensorRequest() => Header(FlexModel.ToJson(), FlexContext.ToJson());

    /// <summary>Body of the FlexMeasures 1.0 asset endpoint: one flex-model per device (with its sensor) and one
    /// flex-context per commodity.</summary>
    public JsonObject ToAssetRequest(int powerSensor) =>
        Header(new JsonArray(FlexModel.ToJson(powerSensor)), new JsonArray(FlexContext.ToJson()));

    private JsonObject Header(JsonNode flexModel, JsonNode flexContext) => new()
    {
        ["start"] = Quantity.Timestamp(Start),
        ["duration"] = IsoDuration.Format(Duration),
        ["resolution"] = IsoDuration.Format(Resolution),
        ["flex-model"] = flexModel,
        ["flex-context"] = flexContext,
    };
}
