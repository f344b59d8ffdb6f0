using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Client;

/// <summary>One authenticated WebSocket connection to HA: sends commands with strictly increasing ids, correlates
/// results by id, and hands event messages to a callback. It does not reconnect; <see cref="HomeAssistantClient"/> does.</summary>
internal sealed class HaWebSocketConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<int, JsonElement> _onEvent;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lastId;

    private HaWebSocketConnection(WebSocket socket, ILogger logger, TimeProvider time, Action<int, JsonElement> onEvent, string haVersion)
    {
        _socket = socket;
        _logger = logger;
        _time = time;
        _onEvent = onEvent;
        HaVersion = haVersion;
    }

    public string HaVersion { get; }

    /// <summary>Completes when the connection ends, faulted with the reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects, authenticates and starts reading.</summary>
    /// <exception cref="HaAuthenticationException">HA refused the token.</exception>
    public static async Task<HaWebSocketConnection> OpenAsync(
        Uri uri, string token, Action<int, JsonElement> onEvent, ILogger logger, TimeProvider time, TimeSpan timeout, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(uri, deadline.Token).ConfigureAwait(false);
            var first = await ReceiveSingleAsync(socket, deadline.Token).ConfigureAwait(false);
            if (TypeOf(first) != "auth_required")
                throw new HaConnectionException($"expected auth_required from Home Assistant, got '{TypeOf(first)}'");
            await SendRawAsync(socket, WriteJson(w => { w.WriteString("type", "auth"); w.WriteString("access_token", token); }), deadline.Token).ConfigureAwait(false);
            var answer = await ReceiveSingleAsync(socket, deadline.Token).ConfigureAwait(false);
            switch (TypeOf(answer))
            {
                case "auth_ok":
                    var version = answer.TryGetProperty("ha_version", out var v) ? v.GetString() ?? "" : "";
                    var connection = new HaWebSocketConnection(socket, logger, time, onEvent, version);
                    _ = connection.ReceiveLoopAsync();
                    return connection;
                case "auth_invalid":
                    throw new HaAuthenticationException(answer.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
                default:
                    throw new HaConnectionException($"unexpected answer to auth: '{TypeOf(answer)}'");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new HaConnectionException($"Home Assistant did not complete the handshake within {timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is WebSocketException or IOException or JsonException)
        {
            socket.Dispose();
            throw new HaConnectionException($"could not connect to Home Assistant at {uri}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a command and waits for its result; returns the result's <c>result</c> value.</summary>
    /// <exception cref="HaCommandException">HA answered success:false.</exception>
    /// <exception cref="HaConnectionException">The connection broke or no answer came within <paramref name="timeout"/>.</exception>
    public async Task<JsonElement> SendCommandAsync(string type, Action<Utf8JsonWriter>? fields, TimeSpan timeout, CancellationToken ct)
    {
        var answer = await SendAndAwaitAsync(type, fields, timeout, ct).ConfigureAwait(false);
        if (TypeOf(answer) == "pong")
            return answer;
        if (answer.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True)
            return answer.TryGetProperty("result", out var result) ? result : default;
        var (code, message) = answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? (Text(error, "code") ?? "unknown_error", Text(error, "message") ?? "")
            : ("unknown_error", "no error details given");
        throw new HaCommandException(type, code, message);
    }

    private async Task<JsonElement> SendAndAwaitAsync(string type, Action<Utf8JsonWriter>? fields, TimeSpan timeout, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Ids are taken under the send lock so they reach HA strictly increasing, as HA requires.
            id = ++_lastId;
            _pending[id] = answer;
            var payload = WriteJson(w => { w.WriteNumber("id", id); w.WriteString("type", type); fields?.Invoke(w); });
            await SendRawAsync(_socket, payload, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new HaConnectionException($"could not send '{type}': the connection to Home Assistant is closed", e);
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            return await answer.Task.WaitAsync(timeout, _time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new HaConnectionException($"Home Assistant did not answer '{type}' within {timeout.TotalSeconds:0.#} s");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? reason = null;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            while (!_closing.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                if (!await ReceiveFrameAsync(_socket, buffer, _closing.Token).ConfigureAwait(false))
                {
                    reason = new HaConnectionException("Home Assistant closed the connection");
                    break;
                }
                IReadOnlyList<JsonElement> messages;
                try
                {
                    messages = HaFrame.Parse(buffer.WrittenSpan);
                }
                catch (JsonException e)
                {
                    // One malformed frame says nothing about the next one: log it and read on.
                    _logger.LogWarning("Ignored a malformed frame from Home Assistant ({Bytes} bytes): {Error}", buffer.WrittenCount, e.Message);
                    continue;
                }
                foreach (var message in messages)
                    Dispatch(message);
            }
        }
        catch (Exception e)
        {
            reason = e is OperationCanceledException ? null : new HaConnectionException($"the connection to Home Assistant broke: {e.Message}", e);
        }
        finally
        {
            var failure = reason ?? new HaConnectionException("the connection to Home Assistant was closed");
            foreach (var pending in _pending.Values)
                pending.TrySetException(failure);
            if (reason is null) _closed.TrySetResult(); else _closed.TrySetException(reason);
        }
    }

    private void Dispatch(JsonElement message)
    {
        var id = message.TryGetProperty("id", out var idElement) && idElement.TryGetInt32(out var n) ? n : 0;
        switch (TypeOf(message))
        {
            case "result" or "pong":
                if (!_pending.TryGetValue(id, out var waiting))
                    _logger.LogDebug("Ignored a {Type} for id {Id}, which has no command waiting", TypeOf(message), id);
                else
                    waiting.TrySetResult(message);
                break;
            case "event" when message.TryGetProperty("event", out var payload):
                try
                {
                    _onEvent(id, payload);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Handling an event of subscription {Id} failed", id);
                }
                break;
            default:
                _logger.LogDebug("Ignored a message of type {Type}", TypeOf(message));
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested) return;
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", grace.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // The peer is gone already; nothing left to close politely.
            }
        }
        _closing.Cancel();
        _socket.Abort();
        _socket.Dispose();
        await _closed.Task.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    internal static string? TypeOf(JsonElement message) => Text(message, "type");

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] WriteJson(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static Task SendRawAsync(WebSocket socket, byte[] payload, CancellationToken ct) =>
        socket.SendAsync(payload.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, ct).AsTask();

    private static async Task<JsonElement> ReceiveSingleAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        if (!await ReceiveFrameAsync(socket, buffer, ct).ConfigureAwait(false))
            throw new HaConnectionException("Home Assistant closed the connection during the handshake");
        var messages = HaFrame.Parse(buffer.WrittenSpan);
        return messages.Count > 0 ? messages[0] : throw new HaConnectionException("empty frame during the handshake");
    }

    /// <summary>Reads one whole message into <paramref name="buffer"/>; false when the peer closed.</summary>
    private static async Task<bool> ReceiveFrameAsync(WebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken ct)
    {
        while (true)
        {
            var memory = buffer.GetMemory(8 * 1024);
            var result = await socket.ReceiveAsync(memory, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
                return false;
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
                return true;
        }
    }

}
