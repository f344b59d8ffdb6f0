using System.Text.Json.Nodes;

namespace ChargeBridge.HassModel.Fake;

/// <summary>One entity as the fake stores it.</summary>
internal sealed record FakeEntity(string EntityId, string State, JsonObject Attributes, DateTimeOffset LastChanged, DateTimeOffset LastUpdated, string ContextId)
{
    /// <summary>The full state object of get_states, state_changed and the REST API.</summary>
    public JsonObject ToFullJson() => new()
    {
        ["entity_id"] = EntityId,
        ["state"] = State,
        ["attributes"] = Attributes.DeepClone(),
        ["last_changed"] = LastChanged.ToString("O"),
        ["last_updated"] = LastUpdated.ToString("O"),
        ["context"] = new JsonObject { ["id"] = ContextId, ["parent_id"] = null, ["user_id"] = null },
    };

    /// <summary>The compressed form of subscribe_entities' "a" map.</summary>
    public JsonObject ToCompressedJson()
    {
        var json = new JsonObject
        {
            ["s"] = State,
            ["a"] = Attributes.DeepClone(),
            ["c"] = ContextId,
            ["lc"] = Epoch(LastChanged),
        };
        if (LastUpdated != LastChanged) json["lu"] = Epoch(LastUpdated);
        return json;
    }

    /// <summary>The "+"/"-" diff of subscribe_entities' "c" map from <paramref name="old"/> to this.</summary>
    public JsonObject DiffFrom(FakeEntity old)
    {
        var plus = new JsonObject();
        if (State != old.State) plus["s"] = State;
        plus["c"] = ContextId;
        if (LastChanged != old.LastChanged) plus["lc"] = Epoch(LastChanged);
        else plus["lu"] = Epoch(LastUpdated);
        var changedAttributes = new JsonObject();
        foreach (var (key, value) in Attributes)
            if (!old.Attributes.TryGetPropertyValue(key, out var before) || !JsonNode.DeepEquals(before, value))
                changedAttributes[key] = value?.DeepClone();
        if (changedAttributes.Count > 0) plus["a"] = changedAttributes;
        var diff = new JsonObject { ["+"] = plus };
        var removed = old.Attributes.Select(a => a.Key).Where(k => !Attributes.ContainsKey(k)).ToArray();
        if (removed.Length > 0)
            diff["-"] = new JsonObject { ["a"] = new JsonArray(removed.Select(k => (JsonNode)k!).ToArray()) };
        return diff;
    }

    private static double Epoch(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
