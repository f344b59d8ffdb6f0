using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

/// <summary>An HA fake with a client connected to it, reconnecting fast so fault tests stay quick.</summary>
internal sealed class ConnectedClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private ConnectedClient(HomeAssistantFake fake, HomeAssistantClient client, FakeLogCollector logs)
    {
        Fake = fake;
        Client = client;
        Logs = logs;
        Run = client.RunAsync(_stop.Token);
    }

    public HomeAssistantFake Fake { get; }
    public HomeAssistantClient Client { get; }
    public FakeLogCollector Logs { get; }
    public Task Run { get; }

    public static HomeAssistantOptions FastOptions(HomeAssistantFake fake) => fake.ClientOptions() with
    {
        ReconnectFirstDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(80),
        CommandTimeout = TimeSpan.FromSeconds(5),
        StartupPollInterval = TimeSpan.FromMilliseconds(50),
    };

    public static async Task<ConnectedClient> StartAsync(HomeAssistantFake? fake = null, Func<HomeAssistantOptions, HomeAssistantOptions>? tune = null,
        bool waitConnected = true, TimeProvider? time = null)
    {
        fake ??= await HomeAssistantFake.StartAsync();
        var logs = new FakeLogCollector();
        var options = FastOptions(fake);
        var client = new HomeAssistantClient(tune?.Invoke(options) ?? options, new FakeLogger<HomeAssistantClient>(logs), time ?? TimeProvider.System);
        var connected = new ConnectedClient(fake, client, logs);
        if (waitConnected) await connected.WaitConnectedAsync();
        return connected;
    }

    public Task WaitConnectedAsync(int minimumConnections = 1) =>
        Client.Connected.Where(up => up && Client.ConnectionCount >= minimumConnections).FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (HaAuthenticationException)
        {
            // Tests of refused tokens end the loop this way.
        }
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

internal static class ObservableWaits
{
    /// <summary>The first value matching <paramref name="predicate"/>, or a TimeoutException after 10 s.</summary>
    public static Task<T> FirstAsync<T>(this IObservable<T> source, Func<T, bool> predicate) =>
        source.Where(predicate).FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10));
}
