using System.Text.Json;

namespace ChargeBridge.HassModel.Client;

/// <summary>Applies the events of HA's <c>subscribe_entities</c> ("a" added, "c" changed with "+"/"-", "r" removed)
/// to a set of states, as HA's frontend does.</summary>
internal static class CompressedStates
{
    /// <summary>Applies one event to <paramref name="states"/> and returns each change as (old, new), and the entities
    /// whose entry was malformed (left as they were).</summary>
    public static CompressedUpdate Apply(Dictionary<string, EntityState> states, JsonElement evt)
    {
        var update = new CompressedUpdate([], []);
        if (evt.TryGetProperty("a", out var added))
            foreach (var entity in added.EnumerateObject())
            {
                states.TryGetValue(entity.Name, out var old);
                if (Read(update, entity.Name, () => ReadFull(entity.Name, entity.Value)) is not { } state) continue;
                states[entity.Name] = state;
                update.Changes.Add((old, state));
            }
        if (evt.TryGetProperty("c", out var changed))
            foreach (var entity in changed.EnumerateObject())
            {
                // A diff for an entity never announced cannot be applied; HA resends it in full after a reconnect.
                if (!states.TryGetValue(entity.Name, out var old)) continue;
                if (Read(update, entity.Name, () => ApplyDiff(old, entity.Value)) is not { } state) continue;
                states[entity.Name] = state;
                update.Changes.Add((old, state));
            }
        if (evt.TryGetProperty("r", out var removed))
            foreach (var id in removed.EnumerateArray())
                if (id.GetString() is { } entityId && states.Remove(entityId, out var old))
                    update.Changes.Add((old, null));
        return update;
    }

    // One entity HA sends in an unexpected shape must not cost the other entities of the same message.
    private static EntityState? Read(CompressedUpdate update, string entityId, Func<EntityState> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            update.Skipped.Add(new(entityId, e.Message));
            return null;
        }
    }

    private static EntityState ReadFull(string entityId, JsonElement json)
    {
        var lastChanged = ReadEpoch(json, "lc");
        var attributes = new Dictionary<string, JsonElement>();
        if (json.TryGetProperty("a", out var attrs))
            foreach (var attribute in attrs.EnumerateObject())
                attributes[attribute.Name] = attribute.Value.Clone();
        return new EntityState(
            entityId,
            json.TryGetProperty("s", out var s) ? Text(s) : throw new InvalidOperationException("no state"),
            attributes,
            lastChanged,
            ReadEpoch(json, "lu") ?? lastChanged,
            json.TryGetProperty("c", out var c) ? HaContextInfo.FromJson(c) : null);
    }

    private static EntityState ApplyDiff(EntityState old, JsonElement diff)
    {
        var state = old;
        Dictionary<string, JsonElement>? attributes = null;
        if (diff.TryGetProperty("+", out var plus))
        {
            if (plus.TryGetProperty("s", out var s)) state = state with { State = Text(s) };
            if (plus.TryGetProperty("c", out var c)) state = state with { Context = MergeContext(old.Context, c) };
            if (ReadEpoch(plus, "lc") is { } lc) state = state with { LastChanged = lc, LastUpdated = lc };
            else if (ReadEpoch(plus, "lu") is { } lu) state = state with { LastUpdated = lu };
            if (plus.TryGetProperty("a", out var a))
            {
                attributes = new Dictionary<string, JsonElement>(old.Attributes);
                foreach (var attribute in a.EnumerateObject())
                    attributes[attribute.Name] = attribute.Value.Clone();
            }
        }
        if (diff.TryGetProperty("-", out var minus) && minus.TryGetProperty("a", out var gone))
        {
            attributes ??= new Dictionary<string, JsonElement>(old.Attributes);
            foreach (var key in gone.EnumerateArray())
                attributes.Remove(key.GetString() ?? "");
        }
        return attributes is null ? state : state with { Attributes = attributes };
    }

    private static HaContextInfo? MergeContext(HaContextInfo? old, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String) return new HaContextInfo(json.GetString());
        var merged = old ?? new HaContextInfo(null);
        if (json.TryGetProperty("id", out var id)) merged = merged with { Id = id.GetString() };
        if (json.TryGetProperty("parent_id", out var parent)) merged = merged with { ParentId = parent.GetString() };
        if (json.TryGetProperty("user_id", out var user)) merged = merged with { UserId = user.GetString() };
        return merged;
    }

    /// <summary>A state is text; HA never sends null for one (a missing value is "unknown" or "unavailable").</summary>
    private static string Text(JsonElement state) => state.ValueKind == JsonValueKind.String
        ? state.GetString()!
        : throw new InvalidOperationException($"the state is {state.ValueKind}, not text");

    private static DateTimeOffset? ReadEpoch(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.TryGetDouble(out var seconds)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : null;
}

/// <summary>What one <c>subscribe_entities</c> event changed, and the entities skipped because their entry was malformed.</summary>
internal sealed record CompressedUpdate(List<(EntityState? Old, EntityState? New)> Changes, List<SkippedEntity> Skipped);

internal sealed record SkippedEntity(string EntityId, string Problem);
