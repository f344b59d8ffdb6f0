using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>What an app sees of Home Assistant (the shape of NetDaemon.HassModel's IHaContext).</summary>
public interface IHaContext
{
    EntityState? GetState(string entityId);
    IReadOnlyList<Entity> GetAllEntities();
    IObservable<StateChange> StateAllChanges();
    IObservable<HaEvent> Events { get; }

    /// <summary>Calls a service without waiting; a failure is logged.</summary>
    void CallService(string domain, string service, ServiceTarget? target = null, object? data = null);

    /// <summary>Calls a service with return_response and returns its response.</summary>
    Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null);

    /// <summary>Fires an event on HA's bus without waiting; a failure is logged.</summary>
    void SendEvent(string eventType, object? data = null);
}
