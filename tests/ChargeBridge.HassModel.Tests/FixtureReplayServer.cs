using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ChargeBridge.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Tests;

/// <summary>A WebSocket server that answers with the real HA messages of ../shared/fixtures/home-assistant, with the
/// id rewritten to the command's, and records every command the client sends.</summary>
internal sealed class FixtureReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private WebSocket? _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>Answers for commands by type: fixture paths ("folder/name.json") or inline JSON; a command with none gets result_msg.json.</summary>
    public ConcurrentDictionary<string, string[]> Replies { get; } = new()
    {
        ["get_config"] = ["netdaemon-client-testdata/result_config.json"],
        ["subscribe_entities"] = ["constructed/subscribe_entities_result.json", "constructed/subscribe_entities_event_initial.json"],
        ["ping"] = ["netdaemon-client-testdata/pong.json"],
    };

    public string AuthAnswer { get; set; } = "netdaemon-client-testdata/auth_ok.json";
    public IReadOnlyList<JsonObject> Received => [.. _received];
    public Uri Uri { get; private set; } = null!;

    private FixtureReplayServer(WebApplication app) => _app = app;

    public static async Task<FixtureReplayServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        var server = new FixtureReplayServer(app);
        app.Map("/api/websocket", server.HandleAsync);
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        server.Uri = new Uri($"ws://127.0.0.1:{port}/api/websocket");
        return server;
    }

    public HomeAssistantOptions ClientOptions => new()
    {
        Host = "127.0.0.1", Port = Uri.Port, Token = "replay-token",
        ReconnectFirstDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(40), CommandTimeout = TimeSpan.FromSeconds(5),
    };

    public static JsonObject Fixture(string path) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile(["fixtures", "home-assistant", .. path.Split('/')])).TrimStart('\uFEFF'))!;

    /// <summary>Sends a fixture as it is on disk (BOM and arrays included), with no id rewriting.</summary>
    public async Task SendRawFixtureAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(RepoPaths.SharedFile(["fixtures", "home-assistant", .. path.Split('/')]));
        await SendAsync(bytes);
    }

    /// <summary>Breaks the current connection, as a network fault would; the client reconnects.</summary>
    public void DropConnection() => _socket?.Abort();

    private async Task HandleAsync(HttpContext http)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        _socket = socket;
        await SendFixtureAsync("netdaemon-client-testdata/auth_required.json", null);
        _received.Enqueue(await ReceiveAsync(socket) ?? []);
        await SendFixtureAsync(AuthAnswer, null);
        while (await ReceiveAsync(socket) is { } command)
        {
            _received.Enqueue(command);
            var id = command["id"]!.GetValue<int>();
            foreach (var reply in Replies.GetValueOrDefault(command["type"]!.GetValue<string>()) ?? ["netdaemon-client-testdata/result_msg.json"])
                await SendFixtureAsync(reply, id);
        }
    }

    private async Task SendFixtureAsync(string path, int? id)
    {
        var inline = path.StartsWith('{');
        var bom = !inline && (await File.ReadAllBytesAsync(RepoPaths.SharedFile(["fixtures", "home-assistant", .. path.Split('/')]))).AsSpan().StartsWith("\uFEFF"u8);
        var message = inline ? (JsonObject)JsonNode.Parse(path)! : Fixture(path);
        if (id is not null && message.ContainsKey("id")) message["id"] = id;
        await SendAsync(Encoding.UTF8.GetBytes((bom ? "\uFEFF" : "") + message.ToJsonString()));
    }

    private async Task SendAsync(byte[] bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket!.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static async Task<JsonObject?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(4096), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                buffer.Advance(result.Count);
                if (result.EndOfMessage) return JsonNode.Parse(buffer.WrittenSpan) as JsonObject;
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket?.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
