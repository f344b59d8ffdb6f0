using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>What an app sees of Home Assistant (the shape of NetDaemon.HassModel's IHaContext).</summary>
public interface IHaContext
{
    EntityState? GetState(string entityId);
    IReadOnlyList<Entity> GetAllEntities();
    IObservable<StateChange> StateAllChanges();
    /// <summary>The bus events of <paramref name="eventType"/>; HA is asked for that type only.</summary>
    IObservable<HaEvent> Events(string eventType);

    /// <summary>Calls a service without waiting; a failure is logged.</summary>
    void CallService(string domain, string service, ServiceTarget? target = null, object? data = null);

    /// <summary>Calls a service and waits until HA accepted it: <see cref="HaConnectionException"/> when HA could not be reached,
    /// <see cref="HaCommandException"/> when HA refused the call (an unknown service, bad data).</summary>
    Task CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, CancellationToken ct = default);

    /// <summary>Calls a service with return_response and returns its response; <see cref="HaProtocolException"/> when HA's
    /// answer has none.</summary>
    Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null);

    /// <summary>Fires an event on HA's bus without waiting; a failure is logged.</summary>
    void SendEvent(string eventType, object? data = null);
}
