using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.Host;

/// <summary>A connection to Home Assistant for one command typed by a person, for devices HA integrates
/// (<c>ha-entities</c>): connected before the device is built, closed after the command.</summary>
internal sealed class VerbHaSession : IAsyncDisposable
{
    private readonly HomeAssistantClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private VerbHaSession(HomeAssistantClient client)
    {
        _client = client;
        _run = client.RunAsync(_stop.Token);
        Context = new HaContext(client, NullLogger<HaContext>.Instance);
    }

    public HaContext Context { get; }

    /// <summary>The session once HA accepted the token and sent its states, or null after printing why not.</summary>
    public static async Task<VerbHaSession?> ConnectAsync(HomeAssistantOptions options, TimeSpan timeout, CancellationToken ct)
    {
        var session = new VerbHaSession(new HomeAssistantClient(options, NullLogger<HomeAssistantClient>.Instance, TimeProvider.System));
        var connected = session._client.Connected.Where(up => up).FirstAsync().ToTask(ct);
        await Task.WhenAny(connected, session._run, Task.Delay(timeout, ct));
        if (connected.IsCompletedSuccessfully) return session;
        var why = session._run is { IsFaulted: true, Exception.InnerException: HaAuthenticationException }
            ? "it refused the access token (HomeAssistant:Token)"
            : $"no connection within {timeout.TotalSeconds:0} s (HomeAssistant:Host, Port, Ssl)";
        await Console.Error.WriteLineAsync($"Home Assistant at {options.RestUri}: {why}");
        await session.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.ContinueWith(_ => { }, TaskScheduler.Default);
        Context.Dispose();
        await _client.DisposeAsync();
        _stop.Dispose();
    }
}
