using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Fake;

/// <summary>A Home Assistant stand-in on loopback for tests and the demo: the WebSocket API (auth, get_config,
/// get_states, auth/current_user, subscribe_events, subscribe_entities, call_service for input_* helpers, calendar.get_events, notify
/// and, through HandleServiceCalls, the entities of twins of integrated devices,
/// fire_event, &lt;domain&gt;/create and /list, recorder/statistics_during_period from seeded rows, ping) and the REST API (states, events), with faults to inject.</summary>
public sealed partial class HomeAssistantFake : IAsyncDisposable
{
    public const string HaVersion = "2025.11.2";
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeEntity> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FakeCalendarEvent>> _calendars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _helperItems = new(StringComparer.Ordinal);
    private readonly List<RecordedCall> _calls = [];
    private readonly List<Func<RecordedCall, string?>> _serviceHandlers = [];
    private readonly List<RecordedEvent> _firedEvents = [];
    private readonly List<FakeSession> _sessions = [];
    private readonly HashSet<string> _postedOverRest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FakeFault Fault, int? Left)> _faults = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private long _contextCounter;

    private HomeAssistantFake(string token, TimeProvider time)
    {
        Token = token;
        _time = time;
    }

    public string Token { get; }
    public int Port { get; private set; }
    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/api/websocket");
    public Uri HttpUri => new($"http://127.0.0.1:{Port}");

    /// <summary>What get_config reports as the core state; anything but RUNNING makes clients wait.</summary>
    public string CoreState { get; set; } = "RUNNING";
    /// <summary>Delay before each WebSocket result, to play a slow server.</summary>
    public TimeSpan ResponseDelay { get; set; }
    /// <summary>Whether the token has admin rights (needed for &lt;domain&gt;/create).</summary>
    public bool TokenIsAdmin { get; set; } = true;
    /// <summary>Prefix every frame with a UTF-8 byte order mark, as some HA builds do.</summary>
    public bool PrefixBom { get; init; }

    public int ConnectedClients { get { lock (_gate) return _sessions.Count; } }
    public int EventSubscriptionCount { get { lock (_gate) return _sessions.Sum(s => s.EventSubscriptions.Count); } }
    /// <summary>The event type of each subscribe_events subscription of the connected clients (null: every type).</summary>
    public IReadOnlyList<string?> EventSubscriptionTypes { get { lock (_gate) return _sessions.SelectMany(s => s.EventSubscriptions.Values).ToList(); } }
    public int EntitySubscriptionCount { get { lock (_gate) return _sessions.Sum(s => s.EntitySubscriptions.Count); } }
    public IReadOnlyList<RecordedCall> ServiceCalls { get { lock (_gate) return [.. _calls]; } }
    public IReadOnlyList<RecordedCall> Notifications { get { lock (_gate) return _calls.Where(c => c.Domain == "notify").ToList(); } }
    public IReadOnlyList<RecordedEvent> FiredEvents { get { lock (_gate) return [.. _firedEvents]; } }

    /// <summary>Forgets the recorded service calls and fired events, so a run of days in one process (the soak
    /// benchmark) measures what it runs, not this record of it.</summary>
    public void ClearRecordings()
    {
        lock (_gate)
        {
            _calls.Clear();
            _firedEvents.Clear();
        }
    }

    /// <summary>Options for a client of this fake.</summary>
    public HomeAssistantOptions ClientOptions() => new() { Host = "127.0.0.1", Port = Port, Token = Token };

    /// <summary>Starts the fake on 127.0.0.1; port 0 picks a free one.</summary>
    public static async Task<HomeAssistantFake> StartAsync(string token = "fake-ha-token", int port = 0, TimeProvider? time = null, bool prefixBom = false)
    {
        var fake = new HomeAssistantFake(token, time ?? TimeProvider.System) { PrefixBom = prefixBom };
        await fake.StartServerAsync(port);
        return fake;
    }

    private async Task StartServerAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Map("/api/websocket", HandleWebSocketAsync);
        app.MapGet("/api/", (HttpContext http) => Authorized(http) ? Results.Json(new { message = "API running." }) : Unauthorized());
        app.MapGet("/api/states/{entityId}", (HttpContext http, string entityId) => !Authorized(http) ? Unauthorized()
            : GetEntity(entityId) is { } e ? Json(e.ToFullJson()) : Results.Json(new { message = "Entity not found." }, statusCode: 404));
        app.MapPost("/api/states/{entityId}", PostStateAsync);
        app.MapPost("/api/events/{eventType}", PostEventAsync);
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    /// <summary>Stops and starts the server on the same port, as an HA restart does: states posted over REST are gone
    /// (HA does not restore them), helpers and the states the test set as an integration's stay.</summary>
    public async Task RestartAsync(TimeSpan downtime = default)
    {
        await StopServerAsync();
        lock (_gate)
        {
            foreach (var entityId in _postedOverRest) _entities.Remove(entityId);
            _postedOverRest.Clear();
        }
        if (downtime > TimeSpan.Zero) await Task.Delay(downtime);
        await StartServerAsync(Port);
    }

    /// <summary>Answers the command <paramref name="command"/> with <paramref name="fault"/>, <paramref name="times"/> times or
    /// (null) until <see cref="ClearFault"/>. A command is its type (<c>input_number/create</c>, <c>get_config</c>) or, for
    /// a service call, <c>domain.service</c> (<c>calendar.get_events</c>).</summary>
    public void InjectFault(string command, FakeFault fault, int? times = null)
    {
        lock (_gate) _faults[command] = (fault, times);
    }

    public void ClearFault(string command)
    {
        lock (_gate) _faults.Remove(command);
    }

    /// <summary>The fault due for <paramref name="command"/> now, counting it against its number of times.</summary>
    private FakeFault? TakeFault(string command)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(command, out var due)) return null;
            if (due.Left is { } left)
            {
                if (left <= 1) _faults.Remove(command);
                else _faults[command] = (due.Fault, left - 1);
            }
            return due.Fault;
        }
    }

    /// <summary>Aborts every client's socket without a close handshake.</summary>
    public void DropConnections()
    {
        foreach (var session in Sessions()) session.Socket.Abort();
    }

    /// <summary>Sends every client a frame that is not JSON.</summary>
    public void SendMalformedFrame(string text = "{\"id\": 1, \"type\": \"res")
    {
        foreach (var session in Sessions()) session.SendRaw(text);
    }

    /// <summary>Sends every client a result for an id it never used.</summary>
    public void SendResultForUnknownId(int id = 999_999)
    {
        foreach (var session in Sessions()) session.Send(new JsonObject { ["id"] = id, ["type"] = "result", ["success"] = true, ["result"] = null });
    }

    /// <summary>Starts a frame to every client, then kills the socket before the frame ends.</summary>
    public async Task CloseMidMessageAsync()
    {
        foreach (var session in Sessions())
        {
            try
            {
                await session.Socket.SendAsync(Encoding.UTF8.GetBytes("{\"id\":1,\"type\":\"event\",\"event\":{\"a\":"), WebSocketMessageType.Text, false, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone: nothing to cut.
            }
            session.Socket.Abort();
        }
    }

    public void SetCalendarEvents(string calendarEntityId, IEnumerable<FakeCalendarEvent> events)
    {
        lock (_gate) _calendars[calendarEntityId] = events.ToList();
        if (GetEntity(calendarEntityId) is null) SetState(calendarEntityId, "off", new JsonObject { ["friendly_name"] = calendarEntityId });
    }

    public EntityState? GetState(string entityId) =>
        GetEntity(entityId) is { } e ? EntityState.FromJson(JsonSerializer.SerializeToElement(e.ToFullJson())) : null;

    /// <summary>Sets an entity's state and attributes (replacing them), notifying subscribers as HA does.</summary>
    public void SetState(string entityId, string state, JsonObject? attributes = null)
    {
        lock (_gate)
        {
            _postedOverRest.Remove(entityId);
            SetStateLocked(entityId, state, attributes);
        }
    }

    /// <summary>Sets many states at once (under one lock, for benchmarks and large setups).</summary>
    public void SetStates(IEnumerable<(string EntityId, string State, JsonObject? Attributes)> states)
    {
        lock (_gate)
            foreach (var (id, state, attributes) in states)
            {
                _postedOverRest.Remove(id);
                SetStateLocked(id, state, attributes);
            }
    }

    /// <summary>Fires an event on the bus, as an integration would (for example the companion app's notification answers).</summary>
    public void FireEvent(string eventType, JsonObject data)
    {
        lock (_gate) FireEventLocked(eventType, data);
    }

    public void RemoveEntity(string entityId)
    {
        lock (_gate)
        {
            if (!_entities.Remove(entityId, out var old)) return;
            Publish(old, null);
        }
    }

    private FakeEntity? GetEntity(string entityId)
    {
        lock (_gate) return _entities.GetValueOrDefault(entityId);
    }

    private FakeSession[] Sessions()
    {
        lock (_gate) return [.. _sessions];
    }

    private FakeEntity SetStateLocked(string entityId, string state, JsonObject? attributes)
    {
        var now = _time.GetUtcNow();
        _entities.TryGetValue(entityId, out var old);
        var entity = new FakeEntity(entityId, state, attributes ?? old?.Attributes.DeepClone().AsObject() ?? [],
            old is not null && old.State == state ? old.LastChanged : now, now, NewContextId());
        _entities[entityId] = entity;
        Publish(old, entity);
        return entity;
    }

    /// <summary>Tells every subscriber about one change; called under the lock so all clients see changes in order.</summary>
    private void Publish(FakeEntity? old, FakeEntity? now)
    {
        var entityId = (now ?? old)!.EntityId;
        JsonObject? stateChanged = null;
        foreach (var session in _sessions)
        {
            foreach (var (id, type) in session.EventSubscriptions)
            {
                if (type is not null && type != "state_changed") continue;
                stateChanged ??= new JsonObject
                {
                    ["entity_id"] = entityId,
                    ["old_state"] = old?.ToFullJson(),
                    ["new_state"] = now?.ToFullJson(),
                };
                session.Send(EventMessage(id, "state_changed", stateChanged.DeepClone().AsObject()));
            }
            foreach (var (id, filter) in session.EntitySubscriptions)
            {
                if (filter is not null && !filter.Contains(entityId)) continue;
                JsonObject payload = now is null ? new() { ["r"] = new JsonArray(entityId) }
                    : old is null ? new() { ["a"] = new JsonObject { [entityId] = now.ToCompressedJson() } }
                    : new() { ["c"] = new JsonObject { [entityId] = now.DiffFrom(old) } };
                session.Send(new JsonObject { ["id"] = id, ["type"] = "event", ["event"] = payload });
            }
        }
    }

    private void FireEventLocked(string eventType, JsonObject data)
    {
        _firedEvents.Add(new RecordedEvent(eventType, data));
        foreach (var session in _sessions)
            foreach (var (id, type) in session.EventSubscriptions)
                if (type is null || type == eventType)
                    session.Send(EventMessage(id, eventType, data.DeepClone().AsObject()));
    }

    private JsonObject EventMessage(int id, string eventType, JsonObject data) => new()
    {
        ["id"] = id,
        ["type"] = "event",
        ["event"] = new JsonObject
        {
            ["event_type"] = eventType,
            ["data"] = data,
            ["origin"] = "LOCAL",
            ["time_fired"] = _time.GetUtcNow().ToString("O"),
            ["context"] = new JsonObject { ["id"] = NewContextId(), ["parent_id"] = null, ["user_id"] = null },
        },
    };

    private string NewContextId() => "ctx" + Interlocked.Increment(ref _contextCounter).ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    private bool Authorized(HttpContext http) => http.Request.Headers.Authorization.ToString() == "Bearer " + Token;

    private static IResult Unauthorized() => Results.Json(new { message = "401: Unauthorized" }, statusCode: 401);

    private static IResult Json(JsonNode node, int status = 200) => Results.Content(node.ToJsonString(), "application/json", Encoding.UTF8, status);

    private async Task<IResult> PostStateAsync(HttpContext http, string entityId)
    {
        if (!Authorized(http)) return Unauthorized();
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body?["state"] is not JsonValue stateValue)
            return Results.Json(new { message = "No state specified." }, statusCode: 400);
        var created = GetEntity(entityId) is null;
        FakeEntity entity;
        lock (_gate)
        {
            entity = SetStateLocked(entityId, stateValue.ToString(), body["attributes"]?.DeepClone() as JsonObject ?? []);
            _postedOverRest.Add(entityId);
        }
        return Json(entity.ToFullJson(), created ? 201 : 200);
    }

    private async Task<IResult> PostEventAsync(HttpContext http, string eventType)
    {
        if (!Authorized(http)) return Unauthorized();
        JsonObject data;
        try
        {
            data = http.Request.ContentLength is 0 ? [] : await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return Results.Json(new { message = "Event data should be valid JSON." }, statusCode: 400);
        }
        lock (_gate) FireEventLocked(eventType, data);
        return Results.Json(new { message = $"Event {eventType} fired." });
    }

    private async Task StopServerAsync()
    {
        if (_app is null) return;
        DropConnections();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopServerAsync();
}
