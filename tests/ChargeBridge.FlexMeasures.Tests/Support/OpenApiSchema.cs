using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.FlexMeasures.Client;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>
/// Checks JSON against FlexMeasures' OpenAPI spec, covering the JSON Schema keywords that spec uses for request
/// bodies: $ref, type (also as a list), properties, required, additionalProperties, enum, items, minItems, maxItems,
/// minLength, minimum, oneOf, anyOf, and the formats date-time and duration.
/// </summary>
internal sealed class OpenApiSchema
{
    private readonly JsonNode _spec;

    private OpenApiSchema(JsonNode spec) => _spec = spec;

    public static OpenApiSchema FlexMeasures { get; } = new(Fixtures.Json("flexmeasures-openapi/openapi-specs.json"));

    /// <summary>The JSON request body schema of an operation, e.g. ("post", "/api/v3_0/sensors/{id}/data").</summary>
    public JsonNode RequestBody(string method, string path) =>
        _spec["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!;

    public JsonNode Component(string name) => _spec["components"]!["schemas"]![name]!;

    /// <summary>Every violation, each with its JSON path; empty when <paramref name="instance"/> is valid.</summary>
    public IReadOnlyList<string> Violations(JsonNode? instance, JsonNode schema)
    {
        var errors = new List<string>();
        Check(instance, schema, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schema, string at, List<string> errors)
    {
        if (schema is not JsonObject s) return;
        if (s["$ref"] is { } reference)
            Check(value, Resolve(reference.GetValue<string>()), at, errors);

        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!allowed.Any(t => HasType(value, t)))
            {
                errors.Add($"{at}: expected {string.Join(" or ", allowed)}, got {Describe(value)}");
                return;
            }
        }
        if (s["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{at}: {Describe(value)} is not one of {options.ToJsonString()}");
        if (s["format"]?.GetValue<string>() is { } format && value is JsonValue v && v.TryGetValue(out string? text))
            CheckFormat(text, format, at, errors);
        if (s["minLength"] is { } minLength && value is JsonValue sv && sv.TryGetValue(out string? str) && str.Length < minLength.GetValue<int>())
            errors.Add($"{at}: shorter than {minLength}");
        if (s["minimum"] is { } minimum && value is JsonValue nv && nv.TryGetValue(out double number) && number < minimum.GetValue<double>())
            errors.Add($"{at}: {number} is below {minimum}");

        if (value is JsonObject obj) CheckObject(obj, s, at, errors);
        if (value is JsonArray array) CheckArray(array, s, at, errors);

        if (s["oneOf"] is JsonArray oneOf)
        {
            var matching = oneOf.Count(option => Violations(value, option!).Count == 0);
            if (matching != 1)
                errors.Add($"{at}: matches {matching} of the oneOf alternatives instead of exactly one");
        }
        if (s["anyOf"] is JsonArray anyOf && !anyOf.Any(option => Violations(value, option!).Count == 0))
            errors.Add($"{at}: matches none of the anyOf alternatives");
    }

    private void CheckObject(JsonObject obj, JsonObject s, string at, List<string> errors)
    {
        var properties = s["properties"] as JsonObject;
        foreach (var required in (s["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            if (!obj.ContainsKey(required))
                errors.Add($"{at}: required property '{required}' is missing");
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is { } propertySchema)
                Check(child, propertySchema, $"{at}.{name}", errors);
            else if (s["additionalProperties"] is JsonValue allowed && !allowed.GetValue<bool>())
                errors.Add($"{at}: property '{name}' is not allowed");
            else if (s["additionalProperties"] is JsonObject additional)
                Check(child, additional, $"{at}.{name}", errors);
        }
    }

    private void CheckArray(JsonArray array, JsonObject s, string at, List<string> errors)
    {
        if (s["minItems"] is { } min && array.Count < min.GetValue<int>()) errors.Add($"{at}: fewer than {min} items");
        if (s["maxItems"] is { } max && array.Count > max.GetValue<int>()) errors.Add($"{at}: more than {max} items");
        if (s["items"] is { } items)
            for (var i = 0; i < array.Count; i++)
                Check(array[i], items, $"{at}[{i}]", errors);
    }

    private static void CheckFormat(string text, string format, string at, List<string> errors)
    {
        var valid = format switch
        {
            "date-time" => DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mmzzz"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "duration" => TryDuration(text),
            _ => true,
        };
        if (!valid) errors.Add($"{at}: '{text}' is not a valid {format}");
    }

    private static bool TryDuration(string text)
    {
        try
        {
            IsoDuration.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException(reference);
        return reference[2..].Split('/').Aggregate(_spec, (node, part) => node[part] ?? throw new KeyNotFoundException(reference));
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        "integer" => value is JsonValue i && i.GetValueKind() == JsonValueKind.Number && i.TryGetValue(out long _) ||
                     value is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.GetValue<double>() % 1 == 0,
        _ => throw new NotSupportedException("JSON type " + type),
    };

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
