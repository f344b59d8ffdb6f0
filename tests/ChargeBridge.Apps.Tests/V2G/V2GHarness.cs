using ChargeBridge.Core.Simulation;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>
/// The V2G controller wired to the HA fake (real sockets, real time), the Quasar simulator and driver on one virtual
/// clock, and the local planner. <see cref="StepAsync"/> moves the clock one tick and waits until the controller has
/// finished every step that tick (and any state change) started, so a simulated day takes seconds and never races.
/// <see cref="HarnessOptions"/> add what V2GApp wires from its config: the car's SoC entity, the price source, FlexMeasures.
/// </summary>
internal sealed class V2GHarness : IAsyncDisposable
{
    public const string Calendar = "calendar.car";
    public const string PriceSensor = "sensor.prices";
    /// <summary>The notify service the harness's notifications go to.</summary>
    public const string Phone = "mobile_app_pixel_8";
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private readonly HarnessOptions _options;

    private V2GHarness(VirtualClock clock, QuasarSimulator sim, QuasarDriver driver, HomeAssistantFake fake, HomeAssistantClient client,
        FakeLogCollector logs, Task run, HarnessOptions options)
    {
        _options = options;
        Clock = clock;
        Sim = sim;
        Driver = driver;
        Fake = fake;
        Client = client;
        Logs = logs;
        _run = run;
        Ha = new HaContext(client, new FakeLogger<HaContext>(logs));
        var publisher = new SensorPublisher(new HaRestClient(new HttpClient(), fake.ClientOptions()), Ha);
        Notifier = new V2GNotifier(Ha, publisher, V2GEntities.Default, [Phone], TimeZoneInfo.Utc, new FakeLogger<V2GNotifier>(logs));
        var logger = new FakeLogger<V2GController>(logs);
        FlexMeasures = options.FlexMeasures is { } account ? FlexMeasuresLink.Create(account, new LocalPlanner(), options.DataFolder, clock, logger, HttpHandlers.Factory) : null;
        var prices = options.PriceSource ?? PriceSources.Create(options.Prices ?? new PricesConfig { Entity = PriceSensor }, Ha, FlexMeasures?.Client, TimeZoneInfo.Utc, logger);
        Controller = new V2GController(Ha, publisher, new LoadpointSetup(new Loadpoint(LoadpointName.Unnamed, options.Charger?.Invoke(driver) ?? driver, new VehicleSoc(options.SocEntity), new Percent(97)), V2GEntities.Default, new CalendarReader(Ha, Calendar), options.LearnedDepartures, Wear: options.Wear),
            options.Planner ?? FlexMeasures?.Planner ?? (IPlanner)new LocalPlanner(), prices, clock,
            TimeZoneInfo.Utc, logger, Notifier,
            new StoredStatistics(new StatisticsStore(options.DataFolder, logger), TimeZoneInfo.Utc, logger), FlexMeasures?.Recorder, site: options.Site);
    }

    public VirtualClock Clock { get; }
    public QuasarSimulator Sim { get; }
    public QuasarDriver Driver { get; }
    public HomeAssistantFake Fake { get; }
    public HomeAssistantClient Client { get; }
    public HaContext Ha { get; }
    public FakeLogCollector Logs { get; }
    public V2GController Controller { get; }
    public V2GNotifier Notifier { get; }
    public FlexMeasuresLink? FlexMeasures { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The helpers provisioned, the loop started, then a car at <paramref name="soc"/> plugged into a 62 kWh-battery
    /// simulator, run until the driver has read its SoC (the Quasar shows it only while running).</summary>
    public static async Task<V2GHarness> StartAsync(double soc, Action<HomeAssistantFake>? setUp = null, HarnessOptions? options = null)
    {
        var clock = new VirtualClock(Start);
        var sim = await QuasarSimulator.StartAsync(options: new QuasarSimulatorOptions
        {
            Clock = clock, BatteryCapacity = Energy.FromKilowattHours(62), InitialSoc = new Percent(soc), CarConnected = false,
        });
        var driver = new QuasarDriver(new QuasarDriverOptions { Host = "127.0.0.1", Port = sim.Endpoint.Port, Clock = clock });
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState(Calendar, "off");
        setUp?.Invoke(fake);
        var logs = new FakeLogCollector();
        // A short command timeout, so a test with HA gone waits for the client's give-up in seconds, and short reconnect
        // delays, so a test with HA back finds the client reconnected within seconds.
        var client = new HomeAssistantClient(fake.ClientOptions() with
            {
                CommandTimeout = TimeSpan.FromSeconds(3), ReconnectFirstDelay = TimeSpan.FromSeconds(0.5), ReconnectMaxDelay = TimeSpan.FromSeconds(2),
            },
            new FakeLogger<HomeAssistantClient>(logs), TimeProvider.System);
        var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await client.Connected.Where(up => up).FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10));
        var harness = new V2GHarness(clock, sim, driver, fake, client, logs, run, options ?? new HarnessOptions());
        harness._stop.Token.Register(stop.Cancel);
        await new HelperProvisioner(client, new FakeLogger<HelperProvisioner>(logs)).EnsureAsync(V2GEntities.Default.Helpers);
        await Wait.Until(() => V2GEntities.Default.Helpers.All(h => client.GetState(h.EntityId) is not null), "the helpers in the client's cache");
        harness.Notifier.Start();
        harness.FlexMeasures?.Start();
        harness.Controller.Start();
        await harness.StepAsync(TimeSpan.Zero);
        sim.PlugIn();
        for (var i = 0; i < 10 && driver.Status.StateOfCharge is null; i++) await harness.StepAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(driver.Status.StateOfCharge);
        return harness;
    }

    /// <summary>Hourly prices from <see cref="Start"/> for a day: <paramref name="cheap"/> EUR/kWh in the given UTC hours, 0.30 otherwise.</summary>
    public static JsonObject Prices(Func<int, bool> isCheapHour, double cheap = 0.05)
    {
        var list = new JsonArray();
        for (var h = 0; h < 24; h++)
        {
            var at = Start.AddHours(h);
            list.Add(new JsonObject { ["time"] = at.ToString("yyyy-MM-ddTHH:mm:sszzz"), ["value"] = isCheapHour(at.Hour) ? cheap : 0.30 });
        }
        return new JsonObject { ["prices"] = list, ["unit_of_measurement"] = "EUR/kWh" };
    }

    /// <summary>Moves virtual time by <paramref name="by"/>, once the controller is idle, and waits for the steps it started.</summary>
    public async Task StepAsync(TimeSpan by)
    {
        // Moving the clock under a step in flight would make its Modbus request seem to take the whole move.
        await Wait.Until(() => !Controller.Busy, "the controller idle before moving the clock");
        var before = Controller.CompletedSteps;
        Clock.Advance(by);
        await Wait.Until(() => Controller.CompletedSteps > before && !Controller.Busy, $"the controller's step at {Now:O}");
    }

    /// <summary>Waits for something an HA change starts without moving the clock.</summary>
    public Task SettledAsync(Func<bool> condition, string what) => Wait.Until(() => condition() && !Controller.Busy, what);

    public async ValueTask DisposeAsync()
    {
        Controller.Dispose();
        Notifier.Dispose();
        if (FlexMeasures is not null) await FlexMeasures.DisposeAsync();
        await _stop.CancelAsync();
        try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
        await Driver.DisposeAsync();
        await Sim.DisposeAsync();
        if (_options.OwnsDataFolder) Directory.Delete(_options.DataFolder, recursive: true);
    }
}

/// <summary>What V2GApp would wire from its config (or a planner, price source or charger in front of the driver of the test's own). The data folder is a fresh temporary one unless given (a restart test
/// passes the same folder twice and deletes it itself).</summary>
internal sealed record HarnessOptions(string? SocEntity = null, PricesConfig? Prices = null, FlexMeasuresConfig? FlexMeasures = null, string? Folder = null,
    IPlanner? Planner = null, IPriceSource? PriceSource = null, Func<ICharger, ICharger>? Charger = null, bool LearnedDepartures = true,
    Func<DateTimeOffset, TimeSpan, SiteForecast?>? Site = null, ChargeBridge.Core.Wear.BatteryWear? Wear = null)
{
    public string DataFolder { get; } = Folder ?? Path.Combine(Path.GetTempPath(), "chargebridge-v2g-" + Guid.NewGuid().ToString("N"));
    public bool OwnsDataFolder => Folder is null && Directory.Exists(DataFolder);
}
