using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>An HA view of fixed entity states, for the parts of the app that only read states.</summary>
internal sealed class StaticHaContext : IHaContext
{
    private readonly Dictionary<string, EntityState> _states = [];

    public StaticHaContext Set(string entityId, string state, string? attributesJson = null, DateTimeOffset? updated = null)
    {
        var attributes = (JsonNode.Parse(attributesJson ?? "{}") as JsonObject)!
            .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
        _states[entityId] = new EntityState(entityId, state, attributes, updated, updated);
        return this;
    }

    public EntityState? GetState(string entityId) => _states.GetValueOrDefault(entityId);
    public IReadOnlyList<Entity> GetAllEntities() => throw new NotSupportedException();
    public IObservable<StateChange> StateAllChanges() => throw new NotSupportedException();
    public IObservable<HaEvent> Events(string eventType) => throw new NotSupportedException();
    public void CallService(string domain, string service, ServiceTarget? target = null, object? data = null) => throw new NotSupportedException();
    public Task CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null) =>
        throw new NotSupportedException();
    public void SendEvent(string eventType, object? data = null) => throw new NotSupportedException();
}
