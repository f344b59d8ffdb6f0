using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.HaEntities;

/// <summary>The HA fake on loopback with a client connected as the host connects one (the HassModel tests'
/// ConnectedClient way: real sockets, real time for the connection), and an <see cref="IHaContext"/> on it. The
/// fake stamps its states and the devices read their time from one virtual clock, so grace times pass on Advance.</summary>
internal sealed class HaFakeHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly HaContext _context;

    private HaFakeHarness(FakeTimeProvider clock, HomeAssistantFake fake, HomeAssistantClient client)
    {
        Clock = clock;
        Fake = fake;
        Client = client;
        _run = client.RunAsync(_stop.Token);
        _context = new HaContext(client, NullLogger<HaContext>.Instance);
    }

    public FakeTimeProvider Clock { get; }
    public HomeAssistantFake Fake { get; }
    public HomeAssistantClient Client { get; }
    public IHaContext Ha => _context;
    public DeviceContext Context => new(Clock) { Ha = Ha };

    public static async Task<HaFakeHarness> StartAsync(Action<HomeAssistantFake>? setUp = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var fake = await HomeAssistantFake.StartAsync(time: clock);
        setUp?.Invoke(fake);
        var options = fake.ClientOptions() with { ReconnectFirstDelay = TimeSpan.FromMilliseconds(20), CommandTimeout = TimeSpan.FromSeconds(5) };
        var harness = new HaFakeHarness(clock, fake, new HomeAssistantClient(options, NullLogger<HomeAssistantClient>.Instance, TimeProvider.System));
        await ChargeBridge.Tests.Wait.Until(() => harness.Client.IsConnected, "the client to connect to the HA fake");
        return harness;
    }

    /// <summary>Waits until the client's cache shows <paramref name="state"/> for <paramref name="entityId"/>.</summary>
    public Task Shows(string entityId, string state) =>
        ChargeBridge.Tests.Wait.Until(() => Client.GetState(entityId)?.State == state, $"{entityId} to show {state}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // The run loop ends this way when cancelled mid-connect.
        }
        _context.Dispose();
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
