using System.Text.Json;

namespace ChargeBridge.HassModel.Client;

/// <summary>Splits one WebSocket text frame from HA into its messages.</summary>
/// <remarks>HA may send a UTF-8 byte order mark before the JSON, and with coalesce_messages several messages
/// arrive as one JSON array.</remarks>
internal static class HaFrame
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The messages of the frame, each cloned so it outlives the frame's buffer.</summary>
    /// <exception cref="JsonException">The frame is not JSON, or holds something other than objects.</exception>
    public static IReadOnlyList<JsonElement> Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.StartsWith(Bom))
            frame = frame[Bom.Length..];
        var reader = new Utf8JsonReader(frame);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Object => [root.Clone()],
            JsonValueKind.Array => root.EnumerateArray().Select(RequireObject).ToList(),
            _ => throw new JsonException($"frame is a JSON {root.ValueKind}, not a message or a list of messages"),
        };
    }

    private static JsonElement RequireObject(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element.Clone()
            : throw new JsonException($"coalesced frame holds a JSON {element.ValueKind}, not a message");
}
