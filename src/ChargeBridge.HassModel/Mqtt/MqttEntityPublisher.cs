using System.Reactive.Subjects;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeBridge.HassModel.Mqtt;

/// <summary>Publishes a device and its entities to Home Assistant over MQTT discovery on one broker connection:
/// retained configs and states, availability with a last will, commands from HA as an observable. It reconnects by
/// itself with backoff and re-publishes everything after each connect and whenever HA announces itself online, so
/// entities survive restarts of HA and of the broker. Setting a state never touches the network on the caller's
/// thread: the latest value per entity is kept and one worker sends it when it can. The retained state of an entity
/// that takes commands is its store across restarts: read back at connect while nothing was set, it arrives on
/// <see cref="Commands"/> like a command (<see cref="MqttCommand.Retained"/>).</summary>
public sealed class MqttEntityPublisher : IAsyncDisposable
{
    /// <summary>A connection attempt the broker refused or that failed; the publisher tries again after a pause.</summary>
    public static readonly EventId ConnectFailed = new(1, nameof(ConnectFailed));
    /// <summary>A command that was not valid for its entity and was dropped.</summary>
    public static readonly EventId CommandIgnored = new(2, nameof(CommandIgnored));

    // Work items besides entity indexes (>= 0): re-publish everything, or look at the connection again.
    private const int RepublishAll = -1;
    private const int ConnectionChanged = -2;

    private readonly MqttOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    // Slots only grow (sensors declared late are appended); readers take the array, writers swap it under the lock.
    private readonly Lock _declare = new();
    private Slot[] _slots;
    private readonly Dictionary<string, int> _byObjectId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byCommandTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byRestoredTopic = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<int> _work = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Subject<MqttCommand> _commands = new();
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly CancellationTokenSource _stop = new();
    private readonly ReconnectBackoff _backoff;
    private Task? _worker;
    // Each kind of wake-up is queued at most once, however often it happens while the worker waits.
    private int _republishQueued;
    private int _connectionChangeQueued;
    private int _disposed;
    private int _connectionCount;

    public MqttEntityPublisher(MqttOptions options, MqttDevice device, IEnumerable<MqttEntity> entities, ILogger<MqttEntityPublisher> logger, TimeProvider time)
        : this(options, entities.Select(e => (device, e)), logger, time)
    {
    }

    /// <summary>Entities of several devices (a site and its loadpoints) on one connection; object ids are unique across them.</summary>
    public MqttEntityPublisher(MqttOptions options, IEnumerable<(MqttDevice Device, MqttEntity Entity)> entities, ILogger<MqttEntityPublisher> logger,
        TimeProvider time)
    {
        if (options.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        _options = options;
        _logger = logger;
        _time = time;
        _backoff = new ReconnectBackoff(options.ReconnectFirstDelay, options.ReconnectMaxDelay);
        _slots = entities.Select(e => new Slot(e.Entity, options, e.Device)).ToArray();
        for (var i = 0; i < _slots.Length; i++)
        {
            if (!_byObjectId.TryAdd(_slots[i].Entity.ObjectId, i))
                throw new ArgumentException($"two entities have the object id '{_slots[i].Entity.ObjectId}'", nameof(entities));
            if (_slots[i].CommandTopic is { } command) _byCommandTopic.Add(command, i);
            if (_slots[i].CommandTopic is not null && _slots[i].StateTopic is { } state) _byRestoredTopic.Add(state, i);
        }

        _client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithCleanSession()
            .WithTimeout(options.ConnectTimeout)
            .WithWillTopic(options.AvailabilityTopic)
            .WithWillPayload(MqttDiscovery.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (options.Username.Length > 0) builder.WithCredentials(options.Username, options.Password);
        _clientOptions = builder.Build();
        _client.DisconnectedAsync += _ =>
        {
            if (Interlocked.Exchange(ref _connectionChangeQueued, 1) == 0) _work.Writer.TryWrite(ConnectionChanged);
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += OnMessage;
    }

    /// <summary>Commands from HA that passed validation. The caller applies one and echoes the accepted state with
    /// <see cref="SetState"/>. Invalid commands are logged as warnings and never appear here.</summary>
    public IObservable<MqttCommand> Commands => _commands;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Completes once the first connection has read back the retained states of the entities that take
    /// commands (they arrived on <see cref="Commands"/> before): planning may start on the user's settings.</summary>
    public Task Restored => _restored.Task;

    /// <summary>Adds a sensor or binary sensor after construction (its config goes out before its first state), or
    /// does nothing when one with its object id is there already.</summary>
    /// <exception cref="ArgumentException">The entity takes commands: those are declared at construction, when the
    /// publisher subscribes to their topics.</exception>
    public void Declare(MqttDevice device, MqttEntity entity)
    {
        if (entity.TakesCommands) throw new ArgumentException($"entity '{entity.ObjectId}' takes commands: pass it to the constructor", nameof(entity));
        lock (_declare)
        {
            if (_byObjectId.ContainsKey(entity.ObjectId)) return;
            var slot = new Slot(entity, _options, device) { ConfigDue = 1 };
            _byObjectId.Add(entity.ObjectId, _slots.Length);
            Volatile.Write(ref _slots, [.. _slots, slot]);
        }
    }

    /// <summary>How many times a connection to the broker was made.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Starts connecting in the background; returns at once (the broker may be down).</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_worker is not null) throw new InvalidOperationException("the publisher is already started");
        _worker = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Sets an entity's state (sent retained). Kept if the broker is away and sent after the reconnect; only
    /// the latest value per entity is sent.</summary>
    /// <exception cref="ArgumentException">No entity has that object id, or it is a button (no state).</exception>
    public void SetState(string objectId, string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = IndexOf(objectId);
        var slot = Volatile.Read(ref _slots)[index];
        if (slot.StateTopic is null) throw new ArgumentException($"entity '{objectId}' is a button and has no state", nameof(objectId));
        Volatile.Write(ref slot.State, state);
        MarkDirty(index, slot);
    }

    /// <summary>Sets an entity's attributes as a JSON object's text (sent retained on its json_attributes_topic).</summary>
    /// <exception cref="ArgumentException">No entity has that object id, it was declared without attributes, or
    /// <paramref name="json"/> is not a JSON object (HA ignores anything else).</exception>
    public void SetAttributes(string objectId, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var index = IndexOf(objectId);
        var slot = Volatile.Read(ref _slots)[index];
        if (slot.AttributesTopic is null) throw new ArgumentException($"entity '{objectId}' was declared without attributes", nameof(objectId));
        if (!IsJsonObject(json)) throw new ArgumentException($"the attributes of '{objectId}' are not a JSON object: {json}", nameof(json));
        Volatile.Write(ref slot.Attributes, json);
        MarkDirty(index, slot);
    }

    /// <summary>Leaves the broker cleanly: availability "offline" (retained), then a disconnect. Without it,
    /// <see cref="DisposeAsync"/> drops the connection and the broker publishes the last will, also "offline".</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await StopWorkerAsync();
        if (!_client.IsConnected) return;
        try
        {
            await _client.PublishAsync(Message(_options.AvailabilityTopic, Encoding.UTF8.GetBytes(MqttDiscovery.Offline)), ct);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Could not leave the MQTT broker cleanly: {Reason}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await StopWorkerAsync();
        _client.Dispose();
        _commands.OnCompleted();
        _commands.Dispose();
        _stop.Dispose();
    }

    private async Task StopWorkerAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        if (_worker is not null) await _worker;
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private int IndexOf(string objectId)
    {
        lock (_declare)
            return _byObjectId.TryGetValue(objectId, out var index)
                ? index
                : throw new ArgumentException($"no entity has the object id '{objectId}'", nameof(objectId));
    }

    private void MarkDirty(int index, Slot slot)
    {
        // Queued once until the worker takes it: many updates in a row cost one publish of the latest.
        if (Interlocked.Exchange(ref slot.Dirty, 1) == 0) _work.Writer.TryWrite(index);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    if (!await TryConnectAsync(ct))
                    {
                        await Task.Delay(_backoff.Next(), _time, ct);
                        continue;
                    }
                    await PublishAllAsync(ct);
                    _backoff.Reset();
                }
                var item = await _work.Reader.ReadAsync(ct);
                if (item == RepublishAll)
                {
                    Interlocked.Exchange(ref _republishQueued, 0);
                    await PublishAllAsync(ct);
                }
                else if (item == ConnectionChanged)
                    Interlocked.Exchange(ref _connectionChangeQueued, 0);
                else if (Volatile.Read(ref _slots)[item] is var slot && Interlocked.Exchange(ref slot.Dirty, 0) == 1)
                {
                    // A sensor declared late: HA needs its config before its state.
                    if (Interlocked.Exchange(ref slot.ConfigDue, 0) == 1) await _client.PublishAsync(Message(slot.ConfigTopic, slot.Config), ct);
                    await PublishStateAsync(slot, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A publish failed because the connection dropped: the next pass reconnects and sends everything.
                _logger.LogWarning("MQTT publishing interrupted: {Reason}", e.Message);
            }
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken ct)
    {
        try
        {
            await _client.ConnectAsync(_clientOptions, ct);
            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(_options.HomeAssistantStatusTopic, MqttQualityOfServiceLevel.AtLeastOnce);
            foreach (var topic in _byCommandTopic.Keys) subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            // The retained states of the controls come back once (the store across restarts); our own "online", sent
            // after them, tells when they are all in.
            foreach (var topic in _byRestoredTopic.Keys) subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            subscribe.WithTopicFilter(_options.AvailabilityTopic, MqttQualityOfServiceLevel.AtLeastOnce);
            await _client.SubscribeAsync(subscribe.Build(), ct);
            Interlocked.Increment(ref _connectionCount);
            _logger.LogInformation("Connected to the MQTT broker at {Host}:{Port} as {ClientId}", _options.Host, _options.Port, _options.ClientId);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _logger.LogWarning(ConnectFailed, "Could not connect to the MQTT broker at {Host}:{Port}: {Reason}", _options.Host, _options.Port, e.Message);
            return false;
        }
    }

    private async Task PublishAllAsync(CancellationToken ct)
    {
        var slots = Volatile.Read(ref _slots);
        foreach (var slot in slots)
        {
            Interlocked.Exchange(ref slot.ConfigDue, 0);
            await _client.PublishAsync(Message(slot.ConfigTopic, slot.Config), ct);
        }
        foreach (var slot in slots)
        {
            Interlocked.Exchange(ref slot.Dirty, 0);
            await PublishStateAsync(slot, ct);
        }
        // Online last: HA shows the entities available only once their configs and states are there.
        await _client.PublishAsync(Message(_options.AvailabilityTopic, Encoding.UTF8.GetBytes(MqttDiscovery.Online)), ct);
    }

    private async Task PublishStateAsync(Slot slot, CancellationToken ct)
    {
        if (slot.StateTopic is not null && Volatile.Read(ref slot.State) is { } state)
            await _client.PublishAsync(Message(slot.StateTopic, Encoding.UTF8.GetBytes(state)), ct);
        if (slot.AttributesTopic is not null && Volatile.Read(ref slot.Attributes) is { } attributes)
            await _client.PublishAsync(Message(slot.AttributesTopic, Encoding.UTF8.GetBytes(attributes)), ct);
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithRetainFlag()
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.ConvertPayloadToString() ?? "";
        if (topic == _options.HomeAssistantStatusTopic)
        {
            if (payload == MqttDiscovery.Online && Interlocked.Exchange(ref _republishQueued, 1) == 0)
                _work.Writer.TryWrite(RepublishAll);
            return Task.CompletedTask;
        }
        // A retained "online" is an earlier run's; the live one is ours, which the broker sends after the retained states.
        if (topic == _options.AvailabilityTopic)
        {
            if (payload == MqttDiscovery.Online && !e.ApplicationMessage.Retain) _restored.TrySetResult();
            return Task.CompletedTask;
        }
        int index;
        var restoring = e.ApplicationMessage.Retain && _byRestoredTopic.ContainsKey(topic);
        if (restoring)
        {
            index = _byRestoredTopic[topic];
            // Only what nobody set since: a value set here before the connect is newer than the broker's.
            if (Volatile.Read(ref _slots[index].State) is not null) return Task.CompletedTask;
        }
        else if (!_byCommandTopic.TryGetValue(topic, out index)) return Task.CompletedTask;
        var entity = _slots[index].Entity;
        if (!entity.Accepts(payload, out var reason))
        {
            _logger.LogWarning(CommandIgnored, "Ignored the MQTT command {Payload} for {ObjectId}: {Reason}", payload, entity.ObjectId, reason);
            return Task.CompletedTask;
        }
        try
        {
            _commands.OnNext(new MqttCommand(entity, payload, restoring));
        }
        catch (Exception error)
        {
            _logger.LogError(error, "A handler of the MQTT command for {ObjectId} failed", entity.ObjectId);
        }
        return Task.CompletedTask;
    }

    /// <summary>One entity: its fixed topics and config, and the latest state and attributes set.</summary>
    private sealed class Slot(MqttEntity entity, MqttOptions options, MqttDevice device)
    {
        public readonly MqttEntity Entity = entity;
        public readonly string ConfigTopic = MqttDiscovery.ConfigTopic(options, entity);
        public readonly byte[] Config = MqttDiscovery.Config(options, device, entity);
        public readonly string? StateTopic = entity.HasState ? MqttDiscovery.StateTopic(options, entity) : null;
        public readonly string? AttributesTopic = entity.HasAttributes ? MqttDiscovery.AttributesTopic(options, entity) : null;
        public readonly string? CommandTopic = entity.TakesCommands ? MqttDiscovery.CommandTopic(options, entity) : null;
        public string? State;
        public string? Attributes;
        public int Dirty;
        /// <summary>1 for a sensor declared after the connect until its config is sent.</summary>
        public int ConfigDue;
    }
}
