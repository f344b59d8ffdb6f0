using System.Text.Json;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// Market prices from an HA price integration's entity, read by the integration's reader in Core/PriceFeeds. With
/// further entities (Octopus' next-day rates) their lists are appended to the first entity's before reading. The
/// prices arrived when the newest of the entities was last updated.
/// </summary>
internal sealed class HaPriceFeedSource(
    IHaContext ha, string entity, IReadOnlyList<string> moreEntities, Func<IReadOnlyDictionary<string, JsonElement>, PriceFeedReading> reader)
    : IPriceSource
{
    public string? Entity => entity;

    public Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult(Read());

    private PriceRead Read()
    {
        if (ha.GetState(entity) is not { } state)
            return new(null, $"{entity} does not exist in Home Assistant");
        var states = moreEntities.Select(ha.GetState).OfType<EntityState>().Prepend(state).ToList();
        var reading = reader(Merged(states));
        if (reading.Prices.Points.Count == 0)
        {
            var reason = reading.Skipped.FirstOrDefault() is { } first ? $"{first.Attribute}: {first.Reason}" : "no price list";
            return new(null, $"{entity} has no readable prices ({reason})");
        }
        return new(new PriceData(reading.Prices, states.Max(s => s.LastUpdated ?? s.LastChanged)), null);
    }

    /// <summary>The first entity's attributes, with each list attribute extended by the same list of the others.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Merged(List<EntityState> states)
    {
        if (states.Count == 1) return states[0].Attributes;
        var merged = new Dictionary<string, JsonElement>(states[0].Attributes);
        foreach (var (name, value) in states.Skip(1).SelectMany(s => s.Attributes))
        {
            merged[name] = merged.TryGetValue(name, out var existing) && existing.ValueKind == JsonValueKind.Array && value.ValueKind == JsonValueKind.Array
                ? JsonSerializer.SerializeToElement(existing.EnumerateArray().Concat(value.EnumerateArray()))
                : merged.GetValueOrDefault(name, value);
        }
        return merged;
    }
}
