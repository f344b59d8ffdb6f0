using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Site;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>A site with two loadpoints, hosted by the runtime as `run` hosts it: each has its own entities and data
/// folder, and one whose charger does not answer does not hold up the other.</summary>
public sealed class SiteLoadpointsTests : IAsyncDisposable
{
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig:";
    private static readonly V2GEntities Garage = new(LoadpointName.Parse("garage", out _)!.Value);
    private static readonly V2GEntities Driveway = new(LoadpointName.Parse("driveway", out _)!.Value);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chargebridge-site-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Each_loadpoint_has_its_own_entities_and_files_and_an_unreachable_charger_does_not_stop_the_other()
    {
        await using var garageCharger = await QuasarSimulator.StartAsync();
        await using var fake = await HomeAssistantFake.StartAsync();
        using var host = Host(fake, new()
        {
            [V2G + "DataFolder"] = _folder,
            [V2G + "Loadpoints:0:Name"] = "garage",
            [V2G + "Loadpoints:0:Charger:Type"] = "quasar",
            [V2G + "Loadpoints:0:Charger:Host"] = "127.0.0.1",
            [V2G + "Loadpoints:0:Charger:Port"] = garageCharger.Endpoint.Port.ToString(),
            [V2G + "Loadpoints:1:Name"] = "driveway",
            [V2G + "Loadpoints:1:Charger:Type"] = "quasar",
            [V2G + "Loadpoints:1:Charger:Host"] = "127.0.0.1",
            [V2G + "Loadpoints:1:Charger:Port"] = ClosedPort.Next().ToString(),
            [V2G + "Loadpoints:1:CalendarEntity"] = "calendar.second_car",
        });
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<AppRuntime>();
        await runtime.Started.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AppState.Running, Assert.Single(runtime.Apps).State);

        // The next-target sensor is published last in a step.
        await Wait.Until(() => fake.GetState(Garage.NextTarget) is not null &&
            fake.GetState(Garage.ChargerState)?.State is "Charging" or "Paused" or "Waiting" or "Discharging",
            "the garage's sensors, with its charger state read from its simulator");
        Assert.All(Garage.Helpers.Concat(Driveway.Helpers), h => Assert.NotNull(fake.GetState(h.EntityId)));
        Assert.Equal("input_select.chargebridge_garage_charge_mode", Garage.ChargeMode.EntityId);
        Assert.Equal("garage Car SoC", fake.GetState(Garage.Soc)!.AttributeString("friendly_name"));
        // The single-charger ids are not published by a named site: dashboards use the loadpoints' own.
        Assert.Null(fake.GetState(V2GEntities.Default.ChargerState));

        // The driveway's charger never answers; it shows as faulted while the garage is steered on.
        await Wait.Until(() => fake.GetState(Driveway.ChargerState)?.State is { } state && state != "Unknown", "the driveway's charger state");
        var writes = garageCharger.PowerSetPointWrites.Count;
        fake.SetState(Garage.ChargeMode.EntityId, V2GEntities.ModeNames[Core.Control.ChargeMode.MaxBoostNow]);
        await Wait.Until(() => garageCharger.PowerSetPointWrites.Count > writes && garageCharger.PowerSetPointWrites[^1] > 0,
            "the boost on the garage's charger");

        // The garage's car session starts its statistics, in the garage's own folder.
        await Wait.Until(() => File.Exists(Path.Combine(_folder, "garage", "v2g-statistics.json")), "the garage's statistics file");
        Assert.False(File.Exists(Path.Combine(_folder, "v2g-statistics.json")));
        await host.StopAsync();
    }

    [Fact]
    public void Several_loadpoints_need_distinct_names_and_known_charger_types()
    {
        var config = new V2GConfig
        {
            Loadpoints =
            [
                new LoadpointConfig { Name = "garage", Charger = new() { ["Type"] = "quasar", ["Host"] = "192.168.1.20" } },
                new LoadpointConfig { Name = "garage", Charger = new() { ["Type"] = "nrgkick2000" } },
                new LoadpointConfig { Name = "Drive Way", Charger = new() { ["Type"] = "quasar" } },
            ],
            ChargerHost = "192.168.1.30",
        };
        var problems = config.Validate().ToList();
        Assert.Contains(problems, p => p.Key == "ChargerHost" && p.Fix.Contains("Loadpoints"));
        Assert.Contains(problems, p => p.Key == "Loadpoints:1:Charger:Type" && p.Fix.Contains("'nrgkick2000'"));
        Assert.Contains(problems, p => p.Key == "Loadpoints:2:Name");
        Assert.Contains(problems, p => p.Key == "Loadpoints:2:Charger:Host");
        Assert.Contains(problems, p => p.Key == "Loadpoints" && p.Fix.Contains("'garage' more than once"));
    }

    [Fact]
    public void The_single_quasar_keys_are_one_unnamed_loadpoint_with_the_ids_of_before()
    {
        var config = new V2GConfig { ChargerHost = "192.168.1.20", ChargerPort = 5020, CalendarEntity = "calendar.leaf", PracticalMaxSoc = 95 };
        Assert.Empty(config.Validate());
        var loadpoint = Assert.Single(config.LoadpointsInUse);
        Assert.True(loadpoint.LoadpointName.IsUnnamed);
        Assert.Equal(("quasar", "192.168.1.20", "5020"), (loadpoint.ChargerSpec.Type, loadpoint.ChargerSpec.Text("Host"), loadpoint.ChargerSpec.Text("Port")));
        Assert.Equal(("calendar.leaf", 95.0), (loadpoint.CalendarEntity, loadpoint.PracticalMaxSoc));
        Assert.Equal("data", loadpoint.DataFolderIn("data"));
    }

    private static IHost Host(HomeAssistantFake fake, Dictionary<string, string?> config)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddHomeAssistantApps(fake.ClientOptions(), new AppCatalog([typeof(V2GApp)]));
        return builder.Build();
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
