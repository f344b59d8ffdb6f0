using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>Reads required fields of an answer body, with a FormatException that names what is missing or wrong.</summary>
internal static class JsonFields
{
    public static JsonNode Required(JsonNode? body, string name) =>
        (body as JsonObject)?[name] ?? throw new FormatException($"'{name}' is missing");

    public static string Text(JsonNode? body, string name) =>
        Required(body, name) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw new FormatException($"'{name}' is not a string");

    /// <summary>The string field, or null when it is absent or not a string.</summary>
    public static string? OptionalText(JsonNode? body, string name) =>
        (body as JsonObject)?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static DateTimeOffset Time(JsonNode? body, string name) =>
        DateTimeOffset.Parse(Text(body, name), CultureInfo.InvariantCulture);

    /// <summary>The numbers of array <paramref name="name"/>; null entries only where <paramref name="allowNull"/>.</summary>
    public static List<double?> Numbers(JsonNode? body, string name, bool allowNull)
    {
        if (Required(body, name) is not JsonArray array)
            throw new FormatException($"'{name}' is not a list");
        return array.Select(item => item switch
        {
            null when allowNull => (double?)null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
            _ => throw new FormatException($"'{name}' holds {item?.ToJsonString() ?? "null"}, not a number"),
        }).ToList();
    }
}
