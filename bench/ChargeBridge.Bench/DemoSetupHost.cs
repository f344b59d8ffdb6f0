using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.Host.Demo;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Bench;

/// <summary>
/// `chargebridge run` as its own process against the demo setup in real time: an HA fake in this process holding the
/// demo's prices (moved to now), its calendar trip and grid power, and a Quasar simulator on loopback with the car
/// plugged in, which the host's V2G app drives; power_mirror runs too. As a site it adds the demo's second loadpoint
/// (a charge-only car on an HA charger twin, plugged in) and a Shelly Pro 3EM twin as grid meter. Started once the app
/// has published a schedule.
/// </summary>
internal sealed class DemoSetupHost : IAsyncDisposable
{
    private readonly DirectoryInfo _config;

    private readonly IDisposable? _secondCharger;
    private readonly ShellySimulator? _gridMeter;

    private DemoSetupHost(DemoScenario scenario, HomeAssistantFake fake, QuasarSimulator charger, DirectoryInfo config, Process host,
        IDisposable? secondCharger, ShellySimulator? gridMeter)
    {
        (_secondCharger, _gridMeter) = (secondCharger, gridMeter);
        Scenario = scenario;
        Fake = fake;
        Charger = charger;
        _config = config;
        Process = host;
    }

    public DemoScenario Scenario { get; }
    public HomeAssistantFake Fake { get; }
    public QuasarSimulator Charger { get; }
    public Process Process { get; }

    /// <param name="socEntity">The car integration's SoC sensor the app is told to read, or none (the charger's SoC).</param>
    /// <param name="site">Whether the app runs the demo's site (two loadpoints and a grid meter) instead of one Quasar.</param>
    public static async Task<DemoSetupHost> StartAsync(string? socEntity = null, bool site = false)
    {
        var scenario = new DemoScenario().ShiftedTo(TimeProvider.System.GetUtcNow().AddMinutes(-1));
        var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        DemoDay.SetUp(fake, scenario);
        var charger = await QuasarSimulator.StartAsync(options: scenario.Car with { CarConnected = true });
        var twin = site ? HaChargerTwin.Attach(fake, scenario.SecondCar.Twin(TimeProvider.System) with { CarConnected = true }) : null;
        var gridMeter = site ? await ShellySimulator.StartAsync(ShellyModel.Pro3Em) : null;
        gridMeter?.SetPower(DemoScenario.HouseLoad(scenario.Start).Watts);
        var config = Directory.CreateTempSubdirectory("chargebridge-apps-");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "apps", "PowerMirror", "power_mirror.yaml"), Path.Combine(config.FullName, "power_mirror.yaml"));
        var loadpoints = twin is null
            ? string.Create(CultureInfo.InvariantCulture, $"""
                  ChargerHost: 127.0.0.1
                  ChargerPort: {charger.Endpoint.Port}
                  CalendarEntity: {DemoScenario.Calendar}
                """)
            : string.Create(CultureInfo.InvariantCulture, $"""
                  Loadpoints:
                    - Name: {DemoWorld.Garage.Value}
                      CalendarEntity: {DemoScenario.Calendar}
                      Charger: {"{"}Type: quasar, Host: 127.0.0.1, Port: {charger.Endpoint.Port}{"}"}
                    - Name: {DemoSecondCar.Loadpoint.Value}
                      CalendarEntity: {DemoSecondCar.Calendar}
                      Charger: {"{"}{string.Join(", ", twin.ChargerKeys.Select(k => $"{k.Key}: {k.Value}"))}{"}"}
                  Grid:
                    Meter: {"{"}Type: shelly-pro3em, Host: 127.0.0.1, Port: {gridMeter!.Port}{"}"}
                    ImportLimitW: 17250
                """);
        File.WriteAllText(Path.Combine(config.FullName, "v2g.yaml"), string.Create(CultureInfo.InvariantCulture, $"""
            ChargeBridge.Apps.V2G.V2GConfig:
            {loadpoints}
              Prices:
                Entity: {DemoScenario.PriceSensor}
              DataFolder: {Path.Combine(config.FullName, "data")}
            {(socEntity is null ? "" : "  SocEntity: " + socEntity)}
            """));
        var setup = new DemoSetupHost(scenario, fake, charger, config, HostProcess.Start(["run", "--apps-config", config.FullName], fake), twin, gridMeter);
        // Every loadpoint has planned, and a site's grid meter reading has reached HA.
        string[] planned = site
            ? [new V2GEntities(DemoWorld.Garage).PlannedPower, new V2GEntities(DemoSecondCar.Loadpoint).PlannedPower]
            : [V2GEntities.Default.PlannedPower];
        bool Ready() => planned.All(p => fake.GetState(p)?.Attribute("schedule") is not null)
                        && (!site || double.TryParse(fake.GetState(SiteLoop.GridPower)?.State, CultureInfo.InvariantCulture, out _));
        try
        {
            var waited = Stopwatch.StartNew();
            while (!Ready())
            {
                if (setup.Process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
                    throw new InvalidOperationException("the V2G app published no schedule for every loadpoint" + (site ? " or no grid power" : ""));
                await Task.Delay(100);
            }
            return setup;
        }
        catch
        {
            await setup.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await HostProcess.StopAsync(Process);
        }
        finally
        {
            Process.Dispose();
            _secondCharger?.Dispose();
            if (_gridMeter is not null) await _gridMeter.DisposeAsync();
            await Charger.DisposeAsync();
            await Fake.DisposeAsync();
            _config.Delete(recursive: true);
        }
    }
}
