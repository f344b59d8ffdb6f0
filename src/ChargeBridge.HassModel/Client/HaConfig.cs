using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>What get_config says about the HA instance.</summary>
public sealed record HaConfig(string? State, string? Version, string? TimeZone, string? LocationName)
{
    public bool IsRunning => State == "RUNNING";

    public static HaConfig FromJson(JsonElement json) => new(Text(json, "state"), Text(json, "version"), Text(json, "time_zone"), Text(json, "location_name"));

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
