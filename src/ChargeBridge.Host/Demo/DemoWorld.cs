using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Simulation;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Demo;

/// <summary>
/// Everything the demo runs, wired as a user's installation is but in one process: the HA fake, the Quasar simulator
/// on loopback, and the host with every app. The V2G app, its Quasar driver and the simulator share one
/// <see cref="VirtualClock"/>; the HA client keeps real time, because its command timeouts and pings guard real
/// sockets. <see cref="StepAsync"/> moves the clock and waits until the V2G loop has finished what that started.
/// </summary>
internal sealed class DemoWorld : IAsyncDisposable
{
    /// <summary>How long one step of the V2G loop may take in wall time before the demo gives up.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The V2G app's driver runs with the default options.</summary>
    private static readonly TimeSpan RequestTimeout = new QuasarDriverOptions { Host = "localhost" }.RequestTimeout;

    private readonly string _dataFolder;

    private DemoWorld(VirtualClock clock, HomeAssistantFake fake, QuasarSimulator charger, IHost host, string dataFolder)
    {
        _dataFolder = dataFolder;
        Clock = clock;
        Fake = fake;
        Charger = charger;
        Host = host;
    }

    public VirtualClock Clock { get; }
    public HomeAssistantFake Fake { get; }
    public QuasarSimulator Charger { get; }
    public IHost Host { get; }
    public AppRuntime Runtime => Host.Services.GetRequiredService<AppRuntime>();
    internal V2GController Controller => Runtime.Instance<V2GApp>()?.Controller
        ?? throw new InvalidOperationException("the V2G app is not running: " + Runtime.Apps.FirstOrDefault(a => a.Id == "v2g")?.Error);

    /// <summary>Starts the fake (given its entities by <paramref name="setUp"/>), the simulator (on the virtual clock from
    /// <paramref name="start"/>) and the host; returns once every app has started. <paramref name="settings"/> adds
    /// configuration keys (the soak benchmark's SoC sensor).</summary>
    public static async Task<DemoWorld> StartAsync(DateTimeOffset start, QuasarSimulatorOptions car, Action<HomeAssistantFake> setUp,
        LogLevel logLevel, CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new VirtualClock(start);
        var dataFolder = Directory.CreateTempSubdirectory("chargebridge-demo-").FullName;
        var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        setUp(fake);
        var charger = await QuasarSimulator.StartAsync(options: car with { Clock = clock });
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        AppHost.Configure(builder.Configuration, settingsFile: null, AppHost.DefaultAppsConfigFolder);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChargeBridge.Apps.V2G.V2GConfig:ChargerHost"] = charger.Endpoint.Address.ToString(),
            ["ChargeBridge.Apps.V2G.V2GConfig:ChargerPort"] = charger.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["ChargeBridge.Apps.V2G.V2GConfig:CalendarEntity"] = DemoScenario.Calendar,
            ["ChargeBridge.Apps.V2G.V2GConfig:Prices:Entity"] = DemoScenario.PriceSensor,
            // Statistics of a demo day are not the household's: they go to a folder that is removed afterwards.
            ["ChargeBridge.Apps.V2G.V2GConfig:DataFolder"] = dataFolder,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var host = AppHost.Build(builder, fake.ClientOptions(), logLevel, overrides: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(sp => new HomeAssistantClient(sp.GetRequiredService<HomeAssistantOptions>(),
                sp.GetRequiredService<ILogger<HomeAssistantClient>>(), TimeProvider.System));
        });
        var world = new DemoWorld(clock, fake, charger, host, dataFolder);
        try
        {
            await host.StartAsync(ct);
            await world.Runtime.Started.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Moves virtual time by <paramref name="by"/> one timer at a time, waiting after each until what it started is
    /// done, and until the V2G steps the move started have finished. Jumping over a timer's time while the charger
    /// driver's background poll is mid-request would let its request timeout (on the same clock) fire at once.
    /// </summary>
    public async Task StepAsync(TimeSpan by, CancellationToken ct)
    {
        var controller = Controller;
        var before = controller.CompletedSteps;
        var target = Clock.GetUtcNow() + by;
        do
        {
            var next = Clock.NextDue is { } due && due < target ? due : target;
            Clock.AdvanceTo(next);
            await SettledAsync(() => Idle(next), $"the charger driver's poll at {next:O}", ct);
        }
        while (Clock.GetUtcNow() < target);
        await SettledAsync(() => controller.CompletedSteps > before, $"the V2G step at {target:O}", ct);
    }

    /// <summary>
    /// Nothing in flight on the clock at <paramref name="now"/>: no request timeout pending (each Modbus request holds
    /// one, <see cref="QuasarDriverOptions.RequestTimeout"/> ahead), and both periodic waits armed again: the V2G
    /// loop's tick and the driver's next poll. A timer that near may also be the next poll after a request timed out;
    /// when no request has reached the simulator for <see cref="QuietFor"/>, none is in flight and it is that.
    /// </summary>
    private bool Idle(DateTimeOffset now)
    {
        var pending = Clock.PendingDue;
        return pending.Count >= 2 && (pending[0] > now + RequestTimeout || ChargerQuiet());
    }

    /// <summary>Far longer than a request takes on loopback, even on a loaded machine.</summary>
    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(250);
    private int _requestsSeen;
    private long _requestsSeenAt;

    private bool ChargerQuiet()
    {
        var requests = Charger.Requests;
        if (requests != _requestsSeen)
        {
            (_requestsSeen, _requestsSeenAt) = (requests, TimeProvider.System.GetTimestamp());
            return false;
        }
        return TimeProvider.System.GetElapsedTime(_requestsSeenAt) > QuietFor;
    }

    /// <summary>Waits, without moving the clock, until <paramref name="condition"/> holds and the V2G loop is idle.</summary>
    public async Task SettledAsync(Func<bool> condition, string what, CancellationToken ct)
    {
        var controller = Controller;
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(StepTimeout);
        // Yielding first: most waits end within a few Modbus round trips on loopback, far below a 1 ms timer tick.
        for (var spins = 0; !(condition() && !controller.Busy); spins++)
        {
            if (guard.IsCancellationRequested)
            {
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"gave up waiting for {what}");
            }
            if (spins < 200) await Task.Yield();
            else await Task.Delay(1, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(CancellationToken.None);
        }
        finally
        {
            Host.Dispose();
            await Charger.DisposeAsync();
            await Fake.DisposeAsync();
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
