using System.Globalization;
using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>The state of one Home Assistant entity at one moment, as HA reports it.</summary>
public sealed record EntityState(
    string EntityId,
    string? State,
    IReadOnlyDictionary<string, JsonElement> Attributes,
    DateTimeOffset? LastChanged = null,
    DateTimeOffset? LastUpdated = null,
    HaContextInfo? Context = null)
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoAttributes = new Dictionary<string, JsonElement>();

    public EntityState(string entityId, string? state) : this(entityId, state, NoAttributes) { }

    /// <summary>True when HA has no usable value: missing, "unknown" or "unavailable".</summary>
    public bool IsUnavailable => State is null or "unknown" or "unavailable";

    /// <summary>The state as a number, or null when it is not one (for example "unknown" or "unavailable").</summary>
    public double? NumericState =>
        double.TryParse(State, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    public JsonElement? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    public string? AttributeString(string name) =>
        Attribute(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : Attribute(name)?.ToString();

    public double? AttributeNumber(string name) => Attribute(name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>Reads a state object as HA sends it in get_states results and state_changed events.</summary>
    public static EntityState FromJson(JsonElement json)
    {
        var attributes = new Dictionary<string, JsonElement>();
        if (json.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
            foreach (var attribute in attrs.EnumerateObject())
                attributes[attribute.Name] = attribute.Value.Clone();
        return new EntityState(
            json.GetProperty("entity_id").GetString() ?? throw new JsonException("state without entity_id"),
            json.TryGetProperty("state", out var state) && state.ValueKind != JsonValueKind.Null ? state.ToString() : null,
            attributes,
            ReadTime(json, "last_changed"),
            ReadTime(json, "last_updated"),
            json.TryGetProperty("context", out var context) ? HaContextInfo.FromJson(context) : null);
    }

    private static DateTimeOffset? ReadTime(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
}
