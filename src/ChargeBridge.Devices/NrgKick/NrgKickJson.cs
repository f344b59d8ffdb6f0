using System.Globalization;
using System.Text.Json;

namespace ChargeBridge.Devices.NrgKick;

/// <summary>Reads the fields of the NRGKICK's answers. The API gives numbers and booleans sometimes as JSON values and
/// sometimes as text ("16", "true"), so both are read; a field that is missing or of another form is a
/// <see cref="NrgKickException"/> naming its path.</summary>
internal static class NrgKickJson
{
    /// <summary>The text of the answer's <c>Message</c>, which the API sends instead of data (for example when no
    /// car is connected), or null.</summary>
    public static string? Message(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("Message", out var message) && message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : null;

    /// <summary>Whether <paramref name="answer"/> is the API's "No content found for this request".</summary>
    public static bool IsNoContent(JsonElement answer) =>
        Message(answer)?.StartsWith("No content found", StringComparison.OrdinalIgnoreCase) == true;

    public static double Number(JsonElement root, params string[] path)
    {
        var value = At(root, path);
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw Wrong(path, "a number", value);
    }

    public static double? OptionalNumber(JsonElement root, params string[] path)
    {
        try
        {
            return Number(root, path);
        }
        catch (NrgKickException)
        {
            return null;
        }
    }

    public static bool Bool(JsonElement root, params string[] path)
    {
        var value = At(root, path);
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed)) return parsed;
        throw Wrong(path, "true or false", value);
    }

    /// <summary>The numbers of an array field.</summary>
    public static IReadOnlyList<double> Numbers(JsonElement root, params string[] path)
    {
        var value = At(root, path);
        if (value.ValueKind != JsonValueKind.Array) throw Wrong(path, "a list", value);
        return value.EnumerateArray().Select((_, i) => Number(value, i.ToString(CultureInfo.InvariantCulture))).ToList();
    }

    private static JsonElement At(JsonElement root, string[] path)
    {
        var value = root;
        foreach (var name in path)
        {
            if (value.ValueKind == JsonValueKind.Array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < value.GetArrayLength())
                value = value[index];
            else if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                throw new NrgKickException($"the answer has no {string.Join('.', path)}");
        }
        return value;
    }

    private static NrgKickException Wrong(string[] path, string expected, JsonElement value) =>
        new($"{string.Join('.', path)} is {value.ValueKind.ToString().ToLowerInvariant()}, not {expected}");
}
