using System.Reactive.Subjects;
using System.Text.Json;
using ChargeBridge.HassModel;

namespace ChargeBridge.Devices.Tests.HaEntities;

/// <summary>An <see cref="IHaContext"/> without sockets: states the test sets, changes streamed at once, and service
/// calls recorded (and refused when the test says so) without changing any state, so a test sees exactly what a
/// device wrote.</summary>
internal sealed class InMemoryHa(TimeProvider clock) : IHaContext
{
    private readonly Dictionary<string, EntityState> _states = new(StringComparer.Ordinal);
    private readonly Subject<StateChange> _changes = new();
    private readonly List<(string Domain, string Service, string EntityId, JsonElement? Data)> _calls = [];

    /// <summary>When set, every service call fails with HA's success:false and this message.</summary>
    public string? Refusal { get; set; }

    public IReadOnlyList<(string Domain, string Service, string EntityId, JsonElement? Data)> Calls
    {
        get { lock (_calls) return [.. _calls]; }
    }

    /// <summary>The calls as "domain.service entity value" lines, the value being the call's value or option.</summary>
    public IReadOnlyList<string> CallLines => Calls.Select(c =>
    {
        var value = c.Data is { } data && (data.TryGetProperty("value", out var v) || data.TryGetProperty("option", out v)) ? " " + v : "";
        return $"{c.Domain}.{c.Service} {c.EntityId}{value}";
    }).ToList();

    public void Set(string entityId, string? state, object? attributes = null, DateTimeOffset? lastChanged = null)
    {
        var attrs = attributes is null
            ? new Dictionary<string, JsonElement>()
            : JsonSerializer.SerializeToElement(attributes).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var now = clock.GetUtcNow();
        var updated = new EntityState(entityId, state, attrs, lastChanged ?? now, lastChanged ?? now);
        EntityState? old;
        lock (_states)
        {
            _states.TryGetValue(entityId, out old);
            _states[entityId] = updated;
        }
        _changes.OnNext(new StateChange(new Entity(this, entityId), old, updated));
    }

    public void Remove(string entityId)
    {
        lock (_states) _states.Remove(entityId);
    }

    public EntityState? GetState(string entityId)
    {
        lock (_states) return _states.GetValueOrDefault(entityId);
    }

    public IReadOnlyList<Entity> GetAllEntities()
    {
        lock (_states) return _states.Keys.Select(id => new Entity(this, id)).ToList();
    }

    public IObservable<StateChange> StateAllChanges() => _changes;

    public IObservable<HaEvent> Events(string eventType) => System.Reactive.Linq.Observable.Never<HaEvent>();

    public void CallService(string domain, string service, ServiceTarget? target = null, object? data = null) =>
        _ = CallServiceAsync(domain, service, target, data);

    public Task CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, CancellationToken ct = default)
    {
        lock (_calls) _calls.Add((domain, service, target?.EntityIds.Single() ?? "", HaJson.ToElement(data)));
        return Refusal is { } refusal
            ? Task.FromException(new HaCommandException("call_service", "home_assistant_error", refusal))
            : Task.CompletedTask;
    }

    public Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null) =>
        throw new NotSupportedException("no device here asks for responses");

    public void SendEvent(string eventType, object? data = null) => throw new NotSupportedException("no device here fires events");
}
