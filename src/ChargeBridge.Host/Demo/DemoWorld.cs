using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Site;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Twins;
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
/// on loopback, and the host with every app. With a <see cref="DemoSecondCar"/> the V2G app runs a site: the Quasar
/// as loadpoint <c>garage</c>, a charger HA integrates (<see cref="HaChargerTwin"/> on the fake) as <c>driveway</c>,
/// and a <see cref="HouseTwin"/> (a Shelly Pro 3EM as the grid meter reading the house less its PV plus both chargers;
/// no PV meter, the surplus is read at the grid as evcc reads it), with home power control at <see cref="ControlPace"/>. The V2G app, its drivers and the twins share one
/// <see cref="VirtualClock"/>; the HA client keeps real time, because its command timeouts and pings guard real
/// sockets. <see cref="StepAsync"/> moves the clock and waits until the site's loops have finished what that started.
/// </summary>
internal sealed class DemoWorld : IAsyncDisposable
{
    /// <summary>How long one step of the V2G loop may take in wall time before the demo gives up.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The V2G app's driver runs with the default options.</summary>
    private static readonly TimeSpan RequestTimeout = new QuasarDriverOptions { Host = "localhost" }.RequestTimeout;

    private readonly string _dataFolder;

    private DemoWorld(VirtualClock clock, HomeAssistantFake fake, QuasarSimulator charger, IHost host, string dataFolder,
        HaChargerTwin? secondCharger, HouseTwin? house)
    {
        _dataFolder = dataFolder;
        Clock = clock;
        Fake = fake;
        Charger = charger;
        Host = host;
        SecondCharger = secondCharger;
        House = house;
    }

    /// <summary>The Quasar's loadpoint in a site; the single loadpoint has no name.</summary>
    public static readonly LoadpointName Garage = LoadpointName.Parse("garage", out _)!.Value;

    public VirtualClock Clock { get; }
    public HomeAssistantFake Fake { get; }
    public QuasarSimulator Charger { get; }
    /// <summary>The site's second charger and car, or null for a single Quasar.</summary>
    public HaChargerTwin? SecondCharger { get; }
    /// <summary>The site's house and its grid meter, or null for a single Quasar.</summary>
    public HouseTwin? House { get; }

    /// <summary>
    /// How often the demo site reads its meter and runs home power control: the slowest
    /// pace the app allows (1–10 s), because every step is a meter read over HTTP and a day of them must fit the demo's
    /// minute of wall time; load following's settling waits (3–22 s) still span one or two steps.
    /// </summary>
    public static readonly TimeSpan ControlPace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The house trace's step: the Amsterdam data's own 5 minutes (the hourly PV interpolated to it), not the control
    /// pace. A house that changes every control step changes every site sensor (a post to HA each) and, charging from
    /// PV, the car's set point (a Modbus write each, after which <see cref="StepAsync"/> waits for the charger to go
    /// quiet in real time): at 1-minute steps the day took twice the wall time. Between two house steps only the car's
    /// own changes move the grid, so load following still settles after every change.
    /// </summary>
    public static readonly TimeSpan HouseStep = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How late the house's day plays against the local clock: its steps change 2 minutes after the demo's 5-minute
    /// samples, so a sample shows the site once load following has answered the house's last change (it settles within
    /// 22 s), not the instant of a jump it has not yet seen; each demo minute still sees one house value.
    /// </summary>
    public static readonly TimeSpan HouseLag = TimeSpan.FromMinutes(2);
    public IHost Host { get; }
    public AppRuntime Runtime => Host.Services.GetRequiredService<AppRuntime>();
    private V2GApp App => Runtime.Instance<V2GApp>()
        ?? throw new InvalidOperationException("the V2G app is not running: " + Runtime.Apps.FirstOrDefault(a => a.Id == "v2g")?.Error);
    /// <summary>The Quasar's loop.</summary>
    internal V2GController Controller => App.Controller;
    /// <summary>Every loadpoint's loop: the Quasar's first.</summary>
    internal IReadOnlyList<V2GController> Controllers => App.Controllers;
    /// <summary>The entities of the Quasar's loadpoint.</summary>
    internal V2GEntities Entities => SecondCharger is null ? V2GEntities.Default : new V2GEntities(Garage);

    /// <summary>Starts the fake (given its entities by <paramref name="setUp"/>), the simulator (on the virtual clock from
    /// <paramref name="start"/>) and the host; returns once every app has started. <paramref name="settings"/> adds
    /// configuration keys (the soak benchmark's SoC sensor); <paramref name="secondCar"/> and <paramref name="house"/> (its
    /// trace at <see cref="HouseStep"/>, played from <see cref="HouseLag"/> after the local midnight before
    /// <paramref name="start"/>) make it a site.</summary>
    public static async Task<DemoWorld> StartAsync(DateTimeOffset start, QuasarSimulatorOptions car, Action<HomeAssistantFake> setUp,
        LogLevel logLevel, CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null, DemoSecondCar? secondCar = null,
        DemoHouse? house = null)
    {
        if ((secondCar is null) != (house is null)) throw new ArgumentException("a site needs both the second car and the house");
        var clock = new VirtualClock(start);
        var dataFolder = Directory.CreateTempSubdirectory("chargebridge-demo-").FullName;
        var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        setUp(fake);
        var charger = await QuasarSimulator.StartAsync(options: car with { Clock = clock });
        var secondCharger = secondCar is null ? null : HaChargerTwin.Attach(fake, secondCar.Twin(clock));
        var houseTwin = house is null ? null : await StartHouseAsync(house, start, clock, charger, secondCharger!);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        AppHost.Configure(builder.Configuration, settingsFile: null, AppHost.DefaultAppsConfigFolder);
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        var keys = new Dictionary<string, string?>
        {
            [v2g + "Prices:Entity"] = DemoScenario.PriceSensor,
            // Statistics of a demo day are not the household's: they go to a folder that is removed afterwards.
            [v2g + "DataFolder"] = dataFolder,
        };
        var quasar = new Dictionary<string, string?>
        {
            ["Host"] = charger.Endpoint.Address.ToString(), ["Port"] = charger.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
        };
        if (secondCharger is null)
        {
            keys[v2g + "ChargerHost"] = quasar["Host"];
            keys[v2g + "ChargerPort"] = quasar["Port"];
            keys[v2g + "CalendarEntity"] = DemoScenario.Calendar;
        }
        else
        {
            keys[v2g + "Loadpoints:0:Name"] = Garage.Value;
            keys[v2g + "Loadpoints:0:CalendarEntity"] = DemoScenario.Calendar;
            keys[v2g + "Loadpoints:0:Charger:Type"] = "quasar";
            foreach (var (key, value) in quasar) keys[v2g + "Loadpoints:0:Charger:" + key] = value;
            keys[v2g + "Loadpoints:1:Name"] = DemoSecondCar.Loadpoint.Value;
            keys[v2g + "Loadpoints:1:CalendarEntity"] = DemoSecondCar.Calendar;
            foreach (var (key, value) in secondCharger.ChargerKeys) keys[v2g + "Loadpoints:1:Charger:" + key] = value;
            keys[v2g + "Grid:Meter:Type"] = "shelly-pro3em";
            keys[v2g + "Grid:Meter:Host"] = "127.0.0.1";
            keys[v2g + "Grid:Meter:Port"] = houseTwin!.Grid.Port.ToString(CultureInfo.InvariantCulture);
            keys[v2g + "Grid:ImportLimitW"] = "17250";
            keys[v2g + "HomePower:PaceSeconds"] = ControlPace.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }
        builder.Configuration.AddInMemoryCollection(keys);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var host = AppHost.Build(builder, fake.ClientOptions(), logLevel, overrides: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(sp => new HomeAssistantClient(sp.GetRequiredService<HomeAssistantOptions>(),
                sp.GetRequiredService<ILogger<HomeAssistantClient>>(), TimeProvider.System));
        });
        var world = new DemoWorld(clock, fake, charger, host, dataFolder, secondCharger, houseTwin);
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

    /// <summary>The house twin refreshing its meters at <see cref="ControlPace"/> on the clock, its day played every day
    /// from the local midnight before <paramref name="start"/>, the grid meter seeing both chargers' actual power.</summary>
    private static async Task<HouseTwin> StartHouseAsync(DemoHouse house, DateTimeOffset start, VirtualClock clock, QuasarSimulator charger,
        HaChargerTwin secondCharger)
    {
        var local = TimeZoneInfo.ConvertTime(start, DemoScenario.Zone);
        var twin = await HouseTwin.StartAsync(house.Trace, new HouseTwinOptions
        {
            // No PV meter: a read less per control step, and the grid meter alone is what most homes have.
            Clock = clock, RefreshEvery = ControlPace, BeyondTrace = HouseTwinBeyondTrace.Repeat, PvModel = null,
            PlayFrom = new DateTimeOffset(local.Date, DemoScenario.Zone.GetUtcOffset(local.Date)) + HouseLag,
        });
        twin.AddCharger(() => charger.ActualPower);
        twin.AddCharger(() => secondCharger.ActualPower);
        return twin;
    }

    /// <summary>
    /// Moves virtual time by <paramref name="by"/> one timer at a time, waiting after each until what it started is
    /// done, and until the V2G steps the move started have finished. Jumping over a timer's time while the charger
    /// driver's background poll is mid-request would let its request timeout (on the same clock) fire at once.
    /// </summary>
    public async Task StepAsync(TimeSpan by, CancellationToken ct)
    {
        var controllers = App.Controllers;
        var before = controllers.Select(c => c.CompletedSteps).ToList();
        var target = Clock.GetUtcNow() + by;
        do
        {
            var next = Clock.NextDue is { } due && due < target ? due : target;
            Clock.AdvanceTo(next);
            await SettledAsync(() => Idle(next), $"the charger driver's poll at {next:O}", ct);
        }
        while (Clock.GetUtcNow() < target);
        await SettledAsync(() => controllers.Select((c, i) => c.CompletedSteps > before[i]).All(done => done), $"the V2G steps at {target:O}", ct);
    }

    /// <summary>
    /// Nothing in flight on the clock at <paramref name="now"/>: no request timeout pending (each Modbus request holds
    /// one, <see cref="QuasarDriverOptions.RequestTimeout"/> ahead), and every periodic wait armed again: the site
    /// loop's tick, the driver's next poll and, in a site, the HA charger twin's update and the house twin's refresh. A timer that near may also be the next poll after a request timed out;
    /// when no request has reached the simulator for <see cref="QuietFor"/>, none is in flight and it is that.
    /// </summary>
    private bool Idle(DateTimeOffset now)
    {
        var pending = Clock.PendingDue;
        return pending.Count >= (SecondCharger is null ? 2 : 4) && (pending[0] > now + RequestTimeout || ChargerQuiet());
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
        var app = App;
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(StepTimeout);
        // Yielding first: most waits end within a few Modbus round trips on loopback, far below a 1 ms timer tick.
        for (var spins = 0; !(condition() && !app.Controllers.Any(c => c.Busy) && !app.Site.Busy); spins++)
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
            SecondCharger?.Dispose();
            if (House is not null) await House.DisposeAsync();
            await Charger.DisposeAsync();
            await Fake.DisposeAsync();
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
