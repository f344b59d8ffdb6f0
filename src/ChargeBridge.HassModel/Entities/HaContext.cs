using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel;

/// <summary>One app's view of HA. Its streams reach the app through the app's own ordered queue (one thread per app), so
/// a slow observer delays neither the connection's reader nor other apps, and the app sees events in HA's order. The
/// streams end when the app is disposed, and an exception thrown by one of the app's observers is logged instead of
/// reaching the connection or other apps.</summary>
public sealed class HaContext : IHaContext, IDisposable
{
    private readonly HomeAssistantClient _client;
    private readonly ILogger _logger;
    private readonly AsyncSubject<bool> _disposed = new();
    private readonly EventLoopScheduler _queue = new(start => new Thread(start) { IsBackground = true, Name = "app queue" });

    public HaContext(HomeAssistantClient client, ILogger<HaContext> logger)
    {
        _client = client;
        _logger = logger;
    }

    public EntityState? GetState(string entityId) => _client.GetState(entityId);

    public IReadOnlyList<Entity> GetAllEntities() => _client.GetStates().Select(s => new Entity(this, s.EntityId)).ToList();

    public IObservable<StateChange> StateAllChanges() =>
        Guard(_client.StateChanges.Select(c => new StateChange(new Entity(this, (c.New ?? c.Old)!.EntityId), c.Old, c.New)));

    public IObservable<HaEvent> Events(string eventType) => Guard(_client.Events(eventType));

    public void CallService(string domain, string service, ServiceTarget? target = null, object? data = null) =>
        FireAndLog(_client.CallServiceAsync(domain, service, target, data), $"{domain}.{service}");

    public Task CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, CancellationToken ct = default) =>
        _client.CallServiceAsync(domain, service, target, data, ct: ct);

    public Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null) =>
        _client.CallServiceAsync(domain, service, target, data, returnResponse: true);

    public void SendEvent(string eventType, object? data = null) =>
        FireAndLog(_client.FireEventAsync(eventType, data), $"event {eventType}");

    private IObservable<T> Guard<T>(IObservable<T> source) =>
        Observable.Create<T>(observer => source.TakeUntil(_disposed).ObserveOn(_queue).Subscribe(
            value =>
            {
                try
                {
                    observer.OnNext(value);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "An app observer failed on {Value}; it stays subscribed", value);
                }
            },
            observer.OnError,
            observer.OnCompleted));

    private void FireAndLog(Task call, string what) =>
        call.ContinueWith(t => _logger.LogError("Calling {What} failed: {Reason}", what, t.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    public void Dispose()
    {
        _disposed.OnNext(true);
        _disposed.OnCompleted();
        _queue.Dispose();
    }
}
