using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Host.Demo;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Bench;

/// <summary>
/// `chargebridge run` as its own process against the demo setup in real time: an HA fake in this process holding the
/// demo's prices (moved to now), its calendar trip and grid power, and a Quasar simulator on loopback with the car
/// plugged in, which the host's V2G app drives; power_mirror runs too. Started once the app has published a schedule.
/// </summary>
internal sealed class DemoSetupHost : IAsyncDisposable
{
    private readonly DirectoryInfo _config;

    private DemoSetupHost(DemoScenario scenario, HomeAssistantFake fake, QuasarSimulator charger, DirectoryInfo config, Process host)
    {
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
    public static async Task<DemoSetupHost> StartAsync(string? socEntity = null)
    {
        var scenario = new DemoScenario().ShiftedTo(TimeProvider.System.GetUtcNow().AddMinutes(-1));
        var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        DemoDay.SetUp(fake, scenario);
        var charger = await QuasarSimulator.StartAsync(options: scenario.Car with { CarConnected = true });
        var config = Directory.CreateTempSubdirectory("chargebridge-apps-");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "apps", "PowerMirror", "power_mirror.yaml"), Path.Combine(config.FullName, "power_mirror.yaml"));
        File.WriteAllText(Path.Combine(config.FullName, "v2g.yaml"), string.Create(CultureInfo.InvariantCulture, $"""
            ChargeBridge.Apps.V2G.V2GConfig:
              ChargerHost: 127.0.0.1
              ChargerPort: {charger.Endpoint.Port}
              CalendarEntity: {DemoScenario.Calendar}
              Prices:
                Entity: {DemoScenario.PriceSensor}
              DataFolder: {Path.Combine(config.FullName, "data")}
            {(socEntity is null ? "" : "  SocEntity: " + socEntity)}
            """));
        var setup = new DemoSetupHost(scenario, fake, charger, config, HostProcess.Start(["run", "--apps-config", config.FullName], fake));
        try
        {
            var waited = Stopwatch.StartNew();
            while (fake.GetState(V2GEntities.Default.PlannedPower)?.Attribute("schedule") is null)
            {
                if (setup.Process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
                    throw new InvalidOperationException("the V2G app published no schedule");
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
            await Charger.DisposeAsync();
            await Fake.DisposeAsync();
            _config.Delete(recursive: true);
        }
    }
}
