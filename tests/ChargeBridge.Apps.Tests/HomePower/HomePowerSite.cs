using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.Devices.Twins;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>
/// A home hosted as `run` hosts it, on one <see cref="VirtualClock"/>: the V2G app with one loadpoint per car, each a
/// Quasar simulator that reacts after 3 s and ramps 1 kW/s (the house twin's charger), the house twin as grid and PV
/// meters (its grid reading includes what the cars draw or feed in, and a house battery when there is one), a Shelly
/// Pro EM as the battery meter, and the HA fake with the cars' and the battery's SoC sensors. The HA client keeps real
/// time (its timeouts guard real sockets). <see cref="RunAsync"/> records what HA shows after every control step.
/// </summary>
internal sealed class HomePowerSite : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Pace = TimeSpan.FromSeconds(5);
    public const string BatterySoc = "sensor.house_battery_soc";
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig:";

    private readonly string? _ownFolder;
    private readonly IHost _host;
    private double _batteryW;

    private HomePowerSite(SiteClock clock, HomeAssistantFake fake, HouseTwin house, IReadOnlyList<QuasarSimulator> cars,
        ShellySimulator? battery, IHost host, string? ownFolder)
    {
        (Clock, Fake, House, Cars, Battery, _host, _ownFolder) = (clock, fake, house, cars, battery, host, ownFolder);
    }

    public SiteClock Clock { get; }
    public HomeAssistantFake Fake { get; }
    public HouseTwin House { get; }
    public IReadOnlyList<QuasarSimulator> Cars { get; }
    public ShellySimulator? Battery { get; }
    private V2GApp App => _host.Services.GetRequiredService<AppRuntime>().Instance<V2GApp>() ?? throw new InvalidOperationException("the V2G app is not running");

    public static V2GEntities Entities(int car) => new(LoadpointName.Parse("car" + car, out _)!.Value);

    /// <summary>A trace at one-second steps for <paramref name="length"/> from <see cref="Start"/>: house and PV in W by the time into it.</summary>
    public static HomeSimTrace Trace(TimeSpan length, Func<TimeSpan, double> house, Func<TimeSpan, double> pv)
    {
        var seconds = Enumerable.Range(0, (int)length.TotalSeconds).Select(s => TimeSpan.FromSeconds(s)).ToList();
        return new HomeSimTrace(Start, TimeSpan.FromSeconds(1), [.. seconds.Select(t => Power.FromWatts(house(t)))],
            [.. seconds.Select(t => Power.FromWatts(pv(t)))]);
    }

    public static async Task<HomePowerSite> StartAsync(HomeSimTrace trace, HomePowerSiteOptions options)
    {
        var virtualClock = new VirtualClock(Start);
        var ownFolder = options.DataFolder is null ? Directory.CreateTempSubdirectory("chargebridge-home-power-").FullName : null;
        var folder = options.DataFolder ?? ownFolder!;
        // The twin refreshes at the control pace and before the site's tick (it is created first): the site reads it as a
        // meter sampled at that moment.
        var house = await HouseTwin.StartAsync(trace, new HouseTwinOptions
        {
            Clock = virtualClock, RefreshEvery = Pace, BeyondTrace = HouseTwinBeyondTrace.HoldEdge,
        });
        var cars = new List<QuasarSimulator>();
        for (var i = 0; i < options.Cars; i++)
        {
            var car = await QuasarSimulator.StartAsync(options: new QuasarSimulatorOptions
            {
                Clock = virtualClock, ReactionDelay = TimeSpan.FromSeconds(3), RampWattsPerSecond = 1000, InitialSoc = new Percent(options.CarSoc),
            });
            house.AddCharger(() => car.ActualPower);
            cars.Add(car);
        }
        var battery = options.Battery ? await ShellySimulator.StartAsync(ShellyModel.ProEm, new ShellySimulatorOptions { Time = virtualClock }) : null;
        var fake = await HomeAssistantFake.StartAsync();
        var keys = new Dictionary<string, string?>
        {
            [V2G + "DataFolder"] = folder,
            [V2G + "Grid:Meter:Type"] = "shelly-pro3em",
            [V2G + "Grid:Meter:Host"] = "127.0.0.1",
            [V2G + "Grid:Meter:Port"] = Port(house.Grid.Port),
            [V2G + "PvMeter:Type"] = "shelly-proem",
            [V2G + "PvMeter:Host"] = "127.0.0.1",
            [V2G + "PvMeter:Port"] = Port(house.Pv!.Port),
            [V2G + "HomePower:PaceSeconds"] = Pace.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (options.ImportLimitW is { } limit) keys[V2G + "Grid:ImportLimitW"] = limit.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < cars.Count; i++)
        {
            var key = $"{V2G}Loadpoints:{i}:";
            keys[key + "Name"] = "car" + i;
            keys[key + "CalendarEntity"] = "calendar.car" + i;
            keys[key + "SocEntity"] = $"sensor.car{i}_soc";
            keys[key + "Charger:Type"] = "quasar";
            keys[key + "Charger:Host"] = "127.0.0.1";
            keys[key + "Charger:Port"] = Port(cars[i].Endpoint.Port);
            keys[key + "Charger:AcquireSocOnPlugIn"] = "false";
            fake.SetState("calendar.car" + i, "off");
            fake.SetState($"sensor.car{i}_soc", options.CarSoc.ToString(CultureInfo.InvariantCulture));
        }
        if (battery is not null)
        {
            keys[V2G + "BatteryMeter:Type"] = "shelly-proem";
            keys[V2G + "BatteryMeter:Host"] = "127.0.0.1";
            keys[V2G + "BatteryMeter:Port"] = Port(battery.Port);
            keys[V2G + "HomePower:BatterySocEntity"] = BatterySoc;
            fake.SetState(BatterySoc, "50");
        }

        foreach (var (key, value) in options.Keys) keys[V2G + key] = value;
        foreach (var (entity, state) in options.States) fake.SetState(entity, state);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (options.Logs is { } logs) builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(keys);
        builder.Services.AddHomeAssistantApps(fake.ClientOptions(), new AppCatalog([typeof(V2GApp)]));
        builder.Services.AddSingleton<TimeProvider>(virtualClock);
        if (options.Telemetry is { } telemetry) builder.Services.AddSingleton(telemetry);
        builder.Services.AddSingleton(sp => new HomeAssistantClient(sp.GetRequiredService<HomeAssistantOptions>(),
            sp.GetRequiredService<ILogger<HomeAssistantClient>>(), TimeProvider.System));
        var host = builder.Build();
        HomePowerSite? site = null;
        var clock = new SiteClock(virtualClock, () => site!.Busy, () => cars.Sum(c => c.Requests) + house.Grid.Requests + (battery?.Requests ?? 0));
        site = new HomePowerSite(clock, fake, house, cars, battery, host, ownFolder);
        if (battery is not null) house.AddCharger(() => Power.FromWatts(site._batteryW));
        await host.StartAsync();
        await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));
        await clock.CalibrateAsync();
        return site;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private bool Busy => App.Controllers.Any(c => c.Busy) || App.Site.Busy || App.Site.Publishing;

    /// <summary>The house battery's power (+ charging) as its meter reads it and as it lands on the grid meter, and its
    /// SoC as the app sees it.</summary>
    public async Task SetBatteryAsync(double watts, double soc)
    {
        _batteryW = watts;
        Battery!.SetPower(watts);
        var state = soc.ToString(CultureInfo.InvariantCulture);
        Fake.SetState(BatterySoc, state);
        var client = _host.Services.GetRequiredService<HomeAssistantClient>();
        await ChargeBridge.Tests.Wait.Until(() => client.GetState(BatterySoc)?.State == state, "the battery's SoC in the app's state cache");
    }

    /// <summary>Sets <paramref name="entityId"/> in HA and waits until the app's state cache shows it.</summary>
    public async Task SetStateAsync(string entityId, string state)
    {
        Fake.SetState(entityId, state);
        var client = _host.Services.GetRequiredService<HomeAssistantClient>();
        await ChargeBridge.Tests.Wait.Until(() => client.GetState(entityId)?.State == state, $"{entityId} in the app's state cache");
    }

    /// <summary>The state HA shows for <paramref name="entityId"/>.</summary>
    public string? State(string entityId) => Fake.GetState(entityId)?.State;

    /// <summary>Every loadpoint to <paramref name="mode"/>, and the step that mode change starts done.</summary>
    public async Task SetModeAsync(ChargeMode mode)
    {
        var controllers = App.Controllers;
        var before = controllers.Select(c => c.CompletedSteps).ToList();
        for (var i = 0; i < Cars.Count; i++) Fake.SetState(Entities(i).ChargeMode.EntityId, V2GEntities.ModeNames[mode]);
        await ChargeBridge.Tests.Wait.Until(() => controllers.Select((c, i) => c.CompletedSteps > before[i]).All(done => done), $"the step after the change to {mode}");
        await Clock.QuietAsync(Clock.Now);
    }

    /// <summary>Runs for <paramref name="duration"/> and returns what HA showed after each control step.</summary>
    public async Task<IReadOnlyList<SiteSample>> RunAsync(TimeSpan duration)
    {
        var samples = new List<SiteSample>();
        await Clock.RunAsync(duration, () =>
        {
            if ((Clock.Now - Start).Ticks % Pace.Ticks != 0 || samples.Count > 0 && samples[^1].At == Clock.Now - Start) return;
            samples.Add(new SiteSample(Clock.Now - Start, Number(SiteLoop.GridPower),
                [.. Cars.Select(c => c.Snapshot().PowerSetPointW)],
                [.. Enumerable.Range(0, Cars.Count).Select(i => Fake.GetState(Entities(i).HomePower)?.State)]));
        });
        return samples;
    }

    private double? Number(string entityId) =>
        double.TryParse(Fake.GetState(entityId)?.State, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            await House.DisposeAsync();
            foreach (var car in Cars) await car.DisposeAsync();
            if (Battery is not null) await Battery.DisposeAsync();
            await Fake.DisposeAsync();
            if (_ownFolder is not null) Directory.Delete(_ownFolder, recursive: true);
        }
    }
}
