using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>HA's context of a change: who or what caused it.</summary>
public sealed record HaContextInfo(string? Id, string? ParentId = null, string? UserId = null)
{
    /// <summary>Reads a context object, or the bare id string that the compressed state format sends.</summary>
    public static HaContextInfo? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => new HaContextInfo(json.GetString()),
        JsonValueKind.Object => new HaContextInfo(
            Text(json, "id"), Text(json, "parent_id"), Text(json, "user_id")),
        _ => null,
    };

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
