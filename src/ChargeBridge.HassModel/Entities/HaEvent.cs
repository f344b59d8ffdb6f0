using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>An event from HA's event bus.</summary>
public sealed record HaEvent(string EventType, JsonElement Data, DateTimeOffset? TimeFired = null, string? Origin = null, HaContextInfo? Context = null)
{
    public static HaEvent FromJson(JsonElement json) => new(
        json.GetProperty("event_type").GetString() ?? "",
        json.TryGetProperty("data", out var data) ? data.Clone() : default,
        json.TryGetProperty("time_fired", out var fired) && fired.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(fired.GetString(), out var t) ? t : null,
        json.TryGetProperty("origin", out var origin) ? origin.GetString() : null,
        json.TryGetProperty("context", out var context) ? HaContextInfo.FromJson(context) : null);

    /// <summary>The data deserialised into <typeparamref name="T"/> (HA's snake_case names map to the record's properties).</summary>
    public T? DataAs<T>() => Data.ValueKind == JsonValueKind.Undefined ? default : Data.Deserialize<T>(HaJson.Options);
}

/// <summary>An event whose data has been read into <typeparamref name="T"/>.</summary>
public sealed record HaEvent<T>(string EventType, T? Data, DateTimeOffset? TimeFired, HaContextInfo? Context);
