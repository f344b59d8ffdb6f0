using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>What a service call acts on.</summary>
public sealed record ServiceTarget
{
    public IReadOnlyList<string> EntityIds { get; init; } = [];
    public IReadOnlyList<string> DeviceIds { get; init; } = [];
    public IReadOnlyList<string> AreaIds { get; init; } = [];

    public static ServiceTarget Entity(params string[] entityIds) => new() { EntityIds = entityIds };

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("target");
        WriteList(writer, "entity_id", EntityIds);
        WriteList(writer, "device_id", DeviceIds);
        WriteList(writer, "area_id", AreaIds);
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        // HA takes a string or a list; one id goes as a string, as in HA's own examples.
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
