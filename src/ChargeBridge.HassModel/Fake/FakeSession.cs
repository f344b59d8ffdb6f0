using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChargeBridge.HassModel.Fake;

/// <summary>One client's WebSocket on the fake: its subscriptions and an ordered send queue, which coalesces queued
/// messages into one JSON array frame once the client has asked for coalesce_messages.</summary>
internal sealed class FakeSession(WebSocket socket, bool prefixBom)
{
    private readonly Channel<(string Text, bool Alone)> _outbox = Channel.CreateUnbounded<(string, bool)>(new UnboundedChannelOptions { SingleReader = true });

    public WebSocket Socket => socket;
    public bool Coalesce { get; set; }
    public int LastId { get; set; }

    /// <summary>subscribe_events subscriptions: id → event type, or null for every event.</summary>
    public Dictionary<int, string?> EventSubscriptions { get; } = [];

    /// <summary>subscribe_entities subscriptions: id → entity ids, or null for every entity.</summary>
    public Dictionary<int, HashSet<string>?> EntitySubscriptions { get; } = [];

    public void Send(JsonNode message) => _outbox.Writer.TryWrite((message.ToJsonString(), false));

    /// <summary>Sends <paramref name="text"/> as a frame of its own, exactly as given (for malformed-frame tests).</summary>
    public void SendRaw(string text) => _outbox.Writer.TryWrite((text, true));

    public void Complete() => _outbox.Writer.TryComplete();

    public async Task RunSenderAsync(CancellationToken ct)
    {
        var batch = new List<string>();
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < 64 && _outbox.Reader.TryPeek(out var next))
                {
                    if (next.Alone && batch.Count > 0) break;
                    _outbox.Reader.TryRead(out _);
                    batch.Add(next.Text);
                    if (next.Alone || !Coalesce) break;
                }
                var frame = batch.Count == 1 ? batch[0] : "[" + string.Join(",", batch) + "]";
                var bytes = Encoding.UTF8.GetBytes(prefixBom ? "\uFEFF" + frame : frame);
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; the receive side ends the session.
        }
    }
}
