using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Client;

/// <summary>The lasting link to HA: connects, keeps a cache of every entity's state, streams state changes and
/// events, and reconnects with backoff. Streams outlive connections, so subscribers never resubscribe.</summary>
public sealed class HomeAssistantClient : IAsyncDisposable
{
    private readonly HomeAssistantOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, EntityState> _states = new(StringComparer.Ordinal);
    private readonly Subject<(EntityState? Old, EntityState? New)> _stateChanges = new();
    private readonly Subject<HaEvent> _events = new();
    private readonly BehaviorSubject<bool> _connected = new(false);
    private readonly object _eventsGate = new();
    private HaWebSocketConnection? _connection;
    private TaskCompletionSource? _snapshot;
    // The event types apps asked for, and those subscribed on the current connection: one subscribe_events each.
    private readonly HashSet<string> _wantedEventTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subscribedEventTypes = new(StringComparer.Ordinal);

    public HomeAssistantClient(HomeAssistantOptions options, ILogger<HomeAssistantClient> logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>True while a connection is up and the state cache is loaded.</summary>
    public IObservable<bool> Connected => _connected.DistinctUntilChanged();
    public bool IsConnected => _connected.Value;
    public HaConfig? Config { get; private set; }
    public int ConnectionCount { get; private set; }

    /// <summary>Every change of every entity, including the differences found when the cache is reloaded after a reconnect.</summary>
    public IObservable<(EntityState? Old, EntityState? New)> StateChanges => _stateChanges;

    /// <summary>The events of <paramref name="eventType"/> on HA's bus. From the first subscription on, HA is asked for
    /// that type alone (<c>subscribe_events</c> with <c>event_type</c>), once on every connection.</summary>
    public IObservable<HaEvent> Events(string eventType) => Observable.Defer(() =>
    {
        WantEvents(eventType);
        return _events.Where(e => e.EventType == eventType);
    });

    public EntityState? GetState(string entityId)
    {
        lock (_states) return _states.GetValueOrDefault(entityId);
    }

    public IReadOnlyList<EntityState> GetStates()
    {
        lock (_states) return _states.Values.ToList();
    }

    /// <summary>Connects and stays connected until <paramref name="ct"/> is cancelled.</summary>
    /// <exception cref="HaAuthenticationException">HA refused the token: retrying cannot help, so the loop ends.</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectFirstDelay, _options.ReconnectMaxDelay);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await HaWebSocketConnection.OpenAsync(
                    _options.WebSocketUri, _options.Token, OnEvent, _logger, _time, _options.CommandTimeout, ct).ConfigureAwait(false);
                try
                {
                    await StartSessionAsync(connection, ct).ConfigureAwait(false);
                    backoff.Reset();
                    await KeepAliveAsync(connection, ct).ConfigureAwait(false);
                }
                finally
                {
                    EndSession();
                }
            }
            catch (HaAuthenticationException e)
            {
                _logger.LogError("{Message} Not retrying.", e.Message);
                throw;
            }
            catch (Exception e) when (ct.IsCancellationRequested && e is HaConnectionException or HaCommandException or OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is HaConnectionException or HaCommandException or JsonException or TimeoutException)
            {
                _logger.LogWarning("Home Assistant connection lost: {Reason}", e.Message);
            }

            if (ct.IsCancellationRequested) break;
            var delay = backoff.Next();
            _logger.LogInformation("Reconnecting to Home Assistant in {Delay} s", delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task StartSessionAsync(HaWebSocketConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.SendCommandAsync("supported_features",
                w => { w.WriteStartObject("features"); w.WriteNumber("coalesce_messages", 1); w.WriteEndObject(); },
                _options.CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (HaCommandException e)
        {
            _logger.LogDebug("Home Assistant does not know supported_features ({Code}); messages will come one by one", e.Code);
        }

        Config = await WaitUntilRunningAsync(connection, ct).ConfigureAwait(false);
        _snapshot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await connection.SendCommandAsync("subscribe_entities", null, _options.CommandTimeout, ct).ConfigureAwait(false);
        await _snapshot.Task.WaitAsync(_options.CommandTimeout, _time, ct).ConfigureAwait(false);

        string[] wanted;
        lock (_eventsGate)
        {
            _connection = connection;
            _subscribedEventTypes.Clear();
            wanted = [.. _wantedEventTypes];
        }
        foreach (var eventType in wanted)
            await SubscribeEventsAsync(connection, eventType, ct).ConfigureAwait(false);
        ConnectionCount++;
        _logger.LogInformation("Connected to Home Assistant {Version} ({Entities} entities)", connection.HaVersion, GetStates().Count);
        _connected.OnNext(true);
    }

    private async Task<HaConfig> WaitUntilRunningAsync(HaWebSocketConnection connection, CancellationToken ct)
    {
        while (true)
        {
            var config = HaConfig.FromJson(await connection.SendCommandAsync("get_config", null, _options.CommandTimeout, ct).ConfigureAwait(false));
            if (config.IsRunning) return config;
            _logger.LogInformation("Home Assistant is starting (state {State}); waiting", config.State ?? "unknown");
            await Task.Delay(_options.StartupPollInterval, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task KeepAliveAsync(HaWebSocketConnection connection, CancellationToken ct)
    {
        while (!connection.Closed.IsCompleted)
        {
            var tick = Task.Delay(_options.PingInterval, _time, ct);
            if (await Task.WhenAny(connection.Closed, tick).ConfigureAwait(false) == connection.Closed)
                break;
            await tick.ConfigureAwait(false);
            await connection.SendCommandAsync("ping", null, _options.CommandTimeout, ct).ConfigureAwait(false);
        }
        await connection.Closed.ConfigureAwait(false);
    }

    private void EndSession()
    {
        lock (_eventsGate)
        {
            _connection = null;
            _subscribedEventTypes.Clear();
        }
        _snapshot = null;
        if (_connected.Value) _connected.OnNext(false);
    }

    private void WantEvents(string eventType)
    {
        HaWebSocketConnection? connection;
        lock (_eventsGate)
        {
            if (!_wantedEventTypes.Add(eventType)) return;
            connection = _connection;
        }
        // Without a connection yet, the next session start subscribes it.
        if (connection is not null)
            _ = SubscribeEventsAsync(connection, eventType, CancellationToken.None);
    }

    /// <summary>Subscribes <paramref name="eventType"/> on <paramref name="connection"/> unless it is no longer the
    /// current one or the type is subscribed on it already (a session start and a first subscriber can race).</summary>
    private async Task SubscribeEventsAsync(HaWebSocketConnection connection, string eventType, CancellationToken ct)
    {
        lock (_eventsGate)
            if (_connection != connection || !_subscribedEventTypes.Add(eventType)) return;
        try
        {
            await connection.SendCommandAsync("subscribe_events", w => w.WriteString("event_type", eventType), _options.CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HaConnectionException or HaCommandException or OperationCanceledException)
        {
            // The next connection subscribes again.
            _logger.LogWarning("Could not subscribe to Home Assistant's {EventType} events: {Reason}", eventType, e.Message);
        }
    }

    /// <summary>Runs on the connection's reader: compressed entity updates feed the cache, bus events the event stream.</summary>
    private void OnEvent(int subscription, JsonElement payload)
    {
        if (payload.TryGetProperty("event_type", out _))
        {
            _events.OnNext(HaEvent.FromJson(payload));
            return;
        }
        CompressedUpdate update;
        var snapshot = _snapshot is { Task.IsCompleted: false } pending ? pending : null;
        lock (_states)
            update = snapshot is not null ? ReloadFrom(payload) : CompressedStates.Apply(_states, payload);
        foreach (var skipped in update.Skipped)
            _logger.LogWarning("Ignored Home Assistant's update of {EntityId}, which is malformed: {Problem}", skipped.EntityId, skipped.Problem);
        foreach (var change in update.Changes)
            _stateChanges.OnNext(change);
        // Only now is the session up, so subscribers have seen every difference before Connected says so.
        snapshot?.TrySetResult();
    }

    /// <summary>Replaces the cache with the first full list of a connection (a malformed entity keeps its state from
    /// before); returns what differs from before.</summary>
    private CompressedUpdate ReloadFrom(JsonElement payload)
    {
        var before = new Dictionary<string, EntityState>(_states, StringComparer.Ordinal);
        _states.Clear();
        var loaded = CompressedStates.Apply(_states, payload);
        foreach (var skipped in loaded.Skipped)
            if (before.TryGetValue(skipped.EntityId, out var kept)) _states[skipped.EntityId] = kept;
        var update = loaded with { Changes = [] };
        foreach (var (id, now) in _states)
            if (!before.TryGetValue(id, out var old) || old.LastUpdated != now.LastUpdated || old.State != now.State)
                update.Changes.Add((old, now));
        foreach (var (id, old) in before)
            if (!_states.ContainsKey(id))
                update.Changes.Add((old, null));
        return update;
    }

    /// <summary>Sends a command on the current connection, waiting for one while HA is unreachable.</summary>
    public async Task<JsonElement> SendCommandAsync(string type, Action<Utf8JsonWriter>? fields, CancellationToken ct = default)
    {
        var connection = _connection;
        if (connection is null)
        {
            try
            {
                await _connected.Where(up => up).FirstAsync().ToTask(ct).WaitAsync(_options.CommandTimeout, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new HaConnectionException($"not connected to Home Assistant; '{type}' was not sent");
            }
            connection = _connection ?? throw new HaConnectionException($"not connected to Home Assistant; '{type}' was not sent");
        }
        return await connection.SendCommandAsync(type, fields, _options.CommandTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Calls a service; with <paramref name="returnResponse"/> returns the service's response.</summary>
    /// <exception cref="HaProtocolException">A response was asked for and the result has none.</exception>
    public async Task<JsonElement?> CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null,
        bool returnResponse = false, CancellationToken ct = default)
    {
        var serviceData = HaJson.ToElement(data);
        var result = await SendCommandAsync("call_service", w =>
        {
            w.WriteString("domain", domain);
            w.WriteString("service", service);
            if (serviceData is { } d)
            {
                w.WritePropertyName("service_data");
                d.WriteTo(w);
            }
            target?.WriteTo(w);
            if (returnResponse) w.WriteBoolean("return_response", true);
        }, ct).ConfigureAwait(false);
        if (!returnResponse) return null;
        // Read as "no events" or "nothing to do", a missing response would throw away what the caller knew before.
        return result.ValueKind == JsonValueKind.Object && result.TryGetProperty("response", out var response)
            ? response
            : throw new HaProtocolException($"call_service {domain}.{service}", "the result has no response");
    }

    /// <summary>HA's long-term statistics (<c>recorder/statistics_during_period</c>): the rows of each statistic id
    /// HA has rows for (an id it has none for is missing from the answer).</summary>
    /// <exception cref="ArgumentException">The query is not one HA accepts (<see cref="StatisticsQuery.ThrowIfInvalid"/>).</exception>
    /// <exception cref="HaProtocolException">The result is not the documented {statistic_id: [rows]}.</exception>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>>> StatisticsDuringPeriodAsync(StatisticsQuery query, CancellationToken ct = default)
    {
        query.ThrowIfInvalid();
        var result = await SendCommandAsync("recorder/statistics_during_period", query.WriteTo, ct).ConfigureAwait(false);
        return StatisticsRow.ParseResult(result);
    }

    /// <summary>Fires an event on HA's bus.</summary>
    public Task FireEventAsync(string eventType, object? data = null, CancellationToken ct = default)
    {
        var eventData = HaJson.ToElement(data);
        return SendCommandAsync("fire_event", w =>
        {
            w.WriteString("event_type", eventType);
            if (eventData is { } d)
            {
                w.WritePropertyName("event_data");
                d.WriteTo(w);
            }
        }, ct);
    }

    public ValueTask DisposeAsync()
    {
        _stateChanges.OnCompleted();
        _events.OnCompleted();
        _connected.OnCompleted();
        return ValueTask.CompletedTask;
    }
}
