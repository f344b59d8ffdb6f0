using System.Reactive.Linq;
using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>An HA entity by id; its state is read from the context's cache when asked.</summary>
public record Entity(IHaContext HaContext, string EntityId)
{
    public string Domain => EntityId[..Math.Max(0, EntityId.IndexOf('.'))];
    public EntityState? EntityState => HaContext.GetState(EntityId);
    public string? State => EntityState?.State;
    public IReadOnlyDictionary<string, JsonElement>? Attributes => EntityState?.Attributes;

    /// <summary>Every change of this entity, attribute-only changes included.</summary>
    public IObservable<StateChange> StateAllChanges() => HaContext.StateAllChanges().Where(e => e.Entity.EntityId == EntityId);

    /// <summary>Changes of this entity's state value only.</summary>
    public IObservable<StateChange> StateChanges() => StateAllChanges().Where(e => e.Old?.State != e.New?.State);

    /// <summary>Calls <c>&lt;domain&gt;.<paramref name="service"/></c> on this entity.</summary>
    public void CallService(string service, object? data = null) =>
        HaContext.CallService(Domain, service, ServiceTarget.Entity(EntityId), data);
}

/// <summary>An entity whose state is a number; "unknown", "unavailable" and non-numbers read as null.</summary>
public record NumericEntity(IHaContext HaContext, string EntityId) : Entity(HaContext, EntityId)
{
    public new double? State => EntityState?.NumericState;
}
