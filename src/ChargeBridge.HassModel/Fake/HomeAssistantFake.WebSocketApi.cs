using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChargeBridge.HassModel.Fake;

// The fake's WebSocket API: handshake, the command loop and the commands that are not service calls.
public sealed partial class HomeAssistantFake
{
    private async Task HandleWebSocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var session = new FakeSession(socket, PrefixBom);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var sender = session.RunSenderAsync(stop.Token);
        try
        {
            session.Send(new JsonObject { ["type"] = "auth_required", ["ha_version"] = HaVersion });
            var auth = await ReceiveAsync(socket, stop.Token);
            if (auth?["type"]?.GetValue<string>() != "auth" || auth["access_token"]?.GetValue<string>() != Token)
            {
                session.Send(new JsonObject { ["type"] = "auth_invalid", ["message"] = "Invalid access token or password" });
                session.Complete();
                await sender;
                await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "auth_invalid", CancellationToken.None);
                return;
            }
            session.Send(new JsonObject { ["type"] = "auth_ok", ["ha_version"] = HaVersion });
            lock (_gate) _sessions.Add(session);
            while (await ReceiveAsync(socket, stop.Token) is { } message)
                await HandleCommandAsync(session, message, stop.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException or InvalidOperationException)
        {
            // The client went away or sent garbage: end its session as HA does.
        }
        finally
        {
            lock (_gate) _sessions.Remove(session);
            session.Complete();
            await stop.CancelAsync();
            await sender;
        }
    }

    private static async Task<JsonObject?> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Advance(result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(buffer.WrittenSpan) as JsonObject;
        }
    }

    private async Task HandleCommandAsync(FakeSession session, JsonObject message, CancellationToken ct)
    {
        var id = message["id"]?.GetValue<int>() ?? 0;
        var type = message["type"]?.GetValue<string>() ?? "";
        if (ResponseDelay > TimeSpan.Zero) await Task.Delay(ResponseDelay, ct);
        if (id <= session.LastId)
        {
            SendError(session, id, "id_reuse", "Identifier values have to increase.");
            return;
        }
        session.LastId = id;
        var fault = TakeFault(type == "call_service" ? $"{message["domain"]}.{message["service"]}" : type);
        // A call HA mis-answers still reached it.
        if (fault is not null && type == "call_service") RecordCall(message);
        if (fault is FakeFault.NoAnswer) return;
        if (fault is FakeFault.Refuse)
        {
            SendError(session, id, "home_assistant_error", "Injected failure.");
            return;
        }
        if (fault is FakeFault.UnexpectedShape)
        {
            SendResult(session, id, type == "call_service" ? new JsonObject { ["context"] = ContextJson() } : JsonValue.Create("unexpected"));
            return;
        }
        try
        {
            switch (type)
            {
                case "ping":
                    session.Send(new JsonObject { ["id"] = id, ["type"] = "pong" });
                    break;
                case "supported_features":
                    session.Coalesce = message["features"]?["coalesce_messages"]?.GetValue<int>() == 1;
                    SendResult(session, id, null);
                    break;
                case "get_config":
                    SendResult(session, id, ConfigJson());
                    break;
                case "auth/current_user":
                    SendResult(session, id, new JsonObject
                    {
                        ["id"] = "fake-user", ["name"] = "ChargeBridge", ["is_owner"] = false, ["is_admin"] = TokenIsAdmin,
                        ["credentials"] = new JsonArray(), ["mfa_modules"] = new JsonArray(),
                    });
                    break;
                case "get_states":
                    lock (_gate) SendResult(session, id, new JsonArray(_entities.Values.Select(e => (JsonNode)e.ToFullJson()).ToArray()));
                    break;
                case "subscribe_events":
                    lock (_gate) session.EventSubscriptions[id] = message["event_type"]?.GetValue<string>();
                    SendResult(session, id, null);
                    break;
                case "subscribe_entities":
                    SubscribeEntities(session, id, message["entity_ids"]?.AsArray().Select(e => e!.GetValue<string>()).ToHashSet());
                    break;
                case "unsubscribe_events":
                    var subscription = message["subscription"]?.GetValue<int>() ?? 0;
                    bool removed;
                    lock (_gate) removed = session.EventSubscriptions.Remove(subscription) | session.EntitySubscriptions.Remove(subscription);
                    if (removed) SendResult(session, id, null);
                    else SendError(session, id, "not_found", "Subscription not found.");
                    break;
                case "fire_event":
                    lock (_gate) FireEventLocked(message["event_type"]?.GetValue<string>() ?? throw new FakeCommandError("invalid_format", "event_type is required"),
                        message["event_data"]?.DeepClone() as JsonObject ?? []);
                    SendResult(session, id, new JsonObject { ["context"] = ContextJson() });
                    break;
                case "call_service":
                    SendResult(session, id, CallService(message));
                    break;
                case "recorder/statistics_during_period":
                    SendResult(session, id, StatisticsDuringPeriod(message));
                    break;
                case var helper when helper.StartsWith("input_", StringComparison.Ordinal) && helper.EndsWith("/create", StringComparison.Ordinal):
                    SendResult(session, id, CreateHelper(helper[..helper.IndexOf('/')], message));
                    break;
                case var helper when helper.StartsWith("input_", StringComparison.Ordinal) && helper.EndsWith("/list", StringComparison.Ordinal):
                    lock (_gate) SendResult(session, id, new JsonArray((_helperItems.GetValueOrDefault(helper[..helper.IndexOf('/')]) ?? [])
                        .Select(i => (JsonNode)i.DeepClone()).ToArray()));
                    break;
                default:
                    SendError(session, id, "unknown_command", "Unknown command.");
                    break;
            }
        }
        catch (FakeCommandError e)
        {
            SendError(session, id, e.Code, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or KeyNotFoundException)
        {
            SendError(session, id, "invalid_format", $"Message incorrectly formatted: {e.Message}");
        }
    }

    private void SubscribeEntities(FakeSession session, int id, HashSet<string>? filter)
    {
        lock (_gate)
        {
            // Under the lock, so no change can slip between the full list and the first diff.
            session.EntitySubscriptions[id] = filter;
            SendResult(session, id, null);
            var all = new JsonObject();
            foreach (var entity in _entities.Values)
                if (filter is null || filter.Contains(entity.EntityId))
                    all[entity.EntityId] = entity.ToCompressedJson();
            session.Send(new JsonObject { ["id"] = id, ["type"] = "event", ["event"] = new JsonObject { ["a"] = all } });
        }
    }

    private JsonObject ConfigJson() => new()
    {
        ["latitude"] = 52.09,
        ["longitude"] = 5.12,
        ["elevation"] = 5,
        ["unit_system"] = new JsonObject { ["length"] = "km", ["mass"] = "g", ["temperature"] = "°C", ["volume"] = "L" },
        ["location_name"] = "Home",
        ["time_zone"] = "Europe/Amsterdam",
        ["components"] = new JsonArray("websocket_api", "api", "input_boolean", "input_number", "input_select", "input_text", "input_datetime", "calendar", "notify"),
        ["version"] = HaVersion,
        ["state"] = CoreState,
    };

    private JsonObject ContextJson() => new() { ["id"] = NewContextId(), ["parent_id"] = null, ["user_id"] = null };

    private static void SendResult(FakeSession session, int id, JsonNode? result) =>
        session.Send(new JsonObject { ["id"] = id, ["type"] = "result", ["success"] = true, ["result"] = result });

    private static void SendError(FakeSession session, int id, string code, string message) =>
        session.Send(new JsonObject { ["id"] = id, ["type"] = "result", ["success"] = false, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}

/// <summary>A command the fake answers with success:false and this code.</summary>
internal sealed class FakeCommandError(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
