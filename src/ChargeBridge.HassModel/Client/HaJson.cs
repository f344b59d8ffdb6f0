using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>Serializer options matching HA's JSON: snake_case names, nulls omitted.</summary>
public static class HaJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>Turns an app's data object (anonymous object, dictionary, record or JsonElement) into a JsonElement.</summary>
    public static JsonElement? ToElement(object? data) => data switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(data, data.GetType(), Options),
    };
}
