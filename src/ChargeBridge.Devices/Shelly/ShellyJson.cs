using System.Globalization;
using System.Text.Json;

namespace ChargeBridge.Devices.Shelly;

/// <summary>Reads fields of a Shelly answer; a missing field or one of the wrong kind is a <see cref="ShellyReadException"/>
/// naming it, so an unexpected answer (other model, other firmware) says what it lacked.</summary>
internal static class ShellyJson
{
    public static double Number(JsonElement parent, string name) =>
        OptionalNumber(parent, name) ?? throw new ShellyReadException($"the answer has no number '{name}'");

    /// <summary>The number, or null when the field is missing or null; a field of another kind is still an error.</summary>
    public static double? OptionalNumber(JsonElement parent, string name)
    {
        var field = Field(parent, name);
        return field?.ValueKind switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.Number => field.Value.GetDouble(),
            _ => throw new ShellyReadException($"'{name}' in the answer is not a number"),
        };
    }

    public static JsonElement Array(JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.Array } array ? array : throw new ShellyReadException($"the answer has no list '{name}'");

    public static JsonElement Object(JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.Object } obj ? obj : throw new ShellyReadException($"the answer has no object '{name}'");

    /// <summary>A field as text whether the device wrote it as a string or a number (ids, generations), or null.</summary>
    public static string? OptionalText(JsonElement parent, string name) => Field(parent, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static JsonElement? Field(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object) throw new ShellyReadException("the answer is not a JSON object");
        return parent.TryGetProperty(name, out var field) ? field : null;
    }
}
