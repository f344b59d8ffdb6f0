using System.Text.Json;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Mqtt;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.HassModel.Tests;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The V2G app with MQTT on, hosted by the runtime against Debian's mosquitto and the HA fake; an independent
/// client (mosquitto_sub/pub) reads what HA would see and sends what HA would send.</summary>
[Collection(MqttBrokerCollection.Name)]
public sealed class V2GMqttTests : IAsyncDisposable
{
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig:";
    private const string Configs = "homeassistant/+/chargebridge/+/config";
    private const string States = "chargebridge/#";
    private static readonly V2GEntities Entities = V2GEntities.Default;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chargebridge-mqtt-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Mqtt_the_app_publishes_devices_and_entities_takes_commands_survives_broker_and_ha_restarts_and_goes_offline_when_stopped()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sim = await QuasarSimulator.StartAsync();
        await using var fake = await HomeAssistantFake.StartAsync();
        var host = await StartAsync(fake, sim, broker);
        var app = App(host);

        // Discovery: a site device and a loadpoint device; every control and sensor with a config HA accepts.
        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r =>
            r.ContainsKey(Config("sensor", Entities.NextTarget)) && r.GetValueOrDefault("chargebridge/availability") == "online" &&
            r.GetValueOrDefault(State(Entities.MinSoc)) == "20", "the discovery configs, the default min SoC and online", Configs, States);
        var configs = retained.Where(r => r.Key.StartsWith("homeassistant/", StringComparison.Ordinal)).ToList();
        Assert.All(configs, c => Assert.Empty(MqttDiscoverySchema.Problems(c.Key, c.Value)));
        string[] expected =
        [
            Config("select", Entities.ChargeMode.EntityId), Config("number", Entities.MinSoc.EntityId), Config("number", Entities.MaxSoc.EntityId),
            Config("number", Entities.Capacity.EntityId), Config("number", Entities.MaxChargePower.EntityId), Config("number", Entities.MaxDischargePower.EntityId),
            Config("number", Entities.Consumption.EntityId), Config("number", V2GEntities.PriceMarkup.EntityId), Config("number", V2GEntities.Vat.EntityId),
            Config("switch", Entities.SolarInAutomatic.EntityId), Config("switch", Entities.HouseInAutomatic.EntityId),
            Config("button", "button.chargebridge_max_boost_now"), Config("button", "button.chargebridge_max_discharge_now"),
            Config("sensor", Entities.Soc), Config("sensor", Entities.PlannedPower), Config("sensor", V2GEntities.NetPrice),
        ];
        Assert.Empty(expected.Except(retained.Keys));
        var devices = configs.Select(c => JsonDocument.Parse(c.Value).RootElement)
            .Select(c => (Id: c.GetProperty("device").GetProperty("identifiers")[0].GetString() ?? "", c)).ToList();
        Assert.Equal(["chargebridge_loadpoint", "chargebridge_site"], devices.Select(d => d.Id).Distinct().Order().ToArray());
        Assert.Equal("chargebridge_site", Device(retained, Config("number", V2GEntities.Vat.EntityId)));
        Assert.Equal("chargebridge_loadpoint", Device(retained, Config("number", Entities.MinSoc.EntityId)));
        var minSoc = JsonDocument.Parse(retained[Config("number", Entities.MinSoc.EntityId)]).RootElement;
        Assert.Equal(("number.chargebridge_min_soc", "config", "ChargeBridge"), (minSoc.GetProperty("default_entity_id").GetString(),
            minSoc.GetProperty("entity_category").GetString(), minSoc.GetProperty("device").GetProperty("manufacturer").GetString()));
        // Each device links to the dashboard (HA opens homeassistant://X as /X).
        Assert.All(devices, d => Assert.Equal("homeassistant://chargebridge-car/0", d.c.GetProperty("device").GetProperty("configuration_url").GetString()));
        // The chart series sit on the attributes topic, the state stays a number.
        var planned = JsonDocument.Parse(retained[Config("sensor", Entities.PlannedPower)]).RootElement;
        Assert.Equal("chargebridge/chargebridge_planned_power/attributes", planned.GetProperty("json_attributes_topic").GetString());
        Assert.True(JsonDocument.Parse(retained["chargebridge/chargebridge_planned_power/attributes"]).RootElement.TryGetProperty("schedule", out _));
        // Nothing went through REST: no helpers created, no sensors posted.
        Assert.Null(fake.GetState(Entities.MinSoc.EntityId));
        Assert.Null(fake.GetState(Entities.Soc));

        // A number command changes what the loop plans on, and is echoed.
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/chargebridge_min_soc/set", "30");
        await Wait.Until(() => app.Controller.PlannedSettings?.MinSoc.Value == 30, "a plan on min SoC 30");
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault(State(Entities.MinSoc)) == "30", "min SoC 30 echoed", States);
        // Out of range: refused, the plan keeps 30.
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/chargebridge_min_soc/set", "90");
        // A select command changes the mode; a button sets it back.
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/chargebridge_charge_mode/set", "Pause");
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/chargebridge_mode/state") == "Pause" &&
            r.GetValueOrDefault(State(Entities.ChargeMode)) == "Pause", "the mode Pause", States);
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/chargebridge_automatic/set", "PRESS");
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/chargebridge_mode/state") == "Automatic" &&
            r.GetValueOrDefault(State(Entities.ChargeMode)) == "Automatic", "the mode Automatic from its button", States);
        Assert.Equal(30, app.Controller.PlannedSettings?.MinSoc.Value);

        // The broker restarts empty: every entity is back, with its latest state.
        var before = await MosquittoClients.RetainedAsync(broker.Port, Configs, States);
        await broker.KillAsync();
        await broker.StartAgainAsync();
        var after = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => before.Keys.All(r.ContainsKey) &&
            r.GetValueOrDefault("chargebridge/availability") == "online", "every entity back after the broker's restart", Configs, States);
        Assert.Equal("30", after[State(Entities.MinSoc)]);
        Assert.Equal("Automatic", after[State(Entities.ChargeMode)]);
        Assert.All(before.Where(b => b.Key.EndsWith("/config", StringComparison.Ordinal)), b => Assert.Equal(b.Value, after[b.Key]));

        // HA forgot an entity (its retained config cleared) and restarts: its birth message brings everything back.
        await MosquittoClients.PublishAsync(broker.Port, Config("number", Entities.MinSoc.EntityId), "", retain: true);
        await MosquittoClients.PublishAsync(broker.Port, "homeassistant/status", "online");
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault(Config("number", Entities.MinSoc.EntityId)) ==
            after[Config("number", Entities.MinSoc.EntityId)], "the min SoC config back after HA's restart", Configs);

        // Stopped, ChargeBridge is offline; started again, it plans on the retained settings, not the defaults.
        await host.StopAsync();
        host.Dispose();
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/availability") == "offline", "offline", States);
        using var again = await StartAsync(fake, sim, broker);
        await Wait.Until(() => App(again).Controller.PlannedSettings?.MinSoc.Value == 30, "the second run planning on the retained min SoC 30");
        Assert.Equal("30", (await MosquittoClients.RetainedAsync(broker.Port, States))[State(Entities.MinSoc)]);
        await again.StopAsync();
    }

    [Fact]
    public async Task Mqtt_with_the_broker_away_at_start_the_loop_plans_on_the_defaults_and_takes_the_retained_settings_when_it_answers()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.KillAsync();
        await using var sim = await QuasarSimulator.StartAsync();
        await using var fake = await HomeAssistantFake.StartAsync();
        // The first connect fails at once; the next comes 5 s later, after the broker is back with the retained setting.
        using var host = await StartAsync(fake, sim, broker, options => options with
        {
            RestoreTimeout = TimeSpan.FromSeconds(1), ReconnectFirstDelay = TimeSpan.FromSeconds(5), ReconnectMaxDelay = TimeSpan.FromSeconds(5),
        });
        var app = App(host);
        await Wait.Until(() => app.Controller.PlannedSettings?.MinSoc.Value == 20, "a plan on the default min SoC");

        await broker.StartAgainAsync();
        await MosquittoClients.PublishAsync(broker.Port, State(Entities.MinSoc), "35", retain: true);
        await Wait.Until(() => app.Controller.PlannedSettings?.MinSoc.Value == 35, "a plan on the retained min SoC 35", TimeSpan.FromSeconds(30));
        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/availability") == "online",
            "online", States);
        Assert.Equal("35", retained[State(Entities.MinSoc)]);
        // The defaults the loop planned on were not published over what the broker keeps.
        Assert.False(retained.ContainsKey(State(Entities.MaxSoc)));
        await host.StopAsync();
    }

    [Fact]
    public async Task Mqtt_named_loadpoints_get_a_device_each_and_the_site_s_tariff_numbers_once()
    {
        var garage = new V2GEntities(Core.Site.LoadpointName.Parse("garage", out _)!.Value);
        var driveway = new V2GEntities(Core.Site.LoadpointName.Parse("driveway", out _)!.Value);
        // Nothing listens on port 9: the constructor makes every config (and refuses duplicate object ids) without a broker.
        await using var mqtt = new V2GMqtt(new MqttOptions { Host = "127.0.0.1", Port = 9 }, [garage, driveway], TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Equal(["ChargeBridge", "ChargeBridge garage", "ChargeBridge driveway"], mqtt.Devices.Select(d => d.Name));
        Assert.Equal(["chargebridge_site", "chargebridge_loadpoint_garage", "chargebridge_loadpoint_driveway"],
            mqtt.Devices.Select(d => d.UniqueIdPrefix));
        Assert.Contains(("chargebridge_garage_max_boost_now", "Max boost now"), V2GMqtt.ModeButtons(garage));
        Assert.Equal("number", V2GMqtt.Entity(driveway.MinSoc, MqttEntityCategory.Config).Component);
        Assert.Equal("chargebridge_driveway_min_soc", V2GMqtt.ObjectId(driveway.MinSoc));
    }

    private static string Config(string component, string entityId) =>
        $"homeassistant/{component}/chargebridge/{entityId[(entityId.IndexOf('.') + 1)..]}/config";

    private static string State(HassModel.Helpers.HelperDefinition control) => $"chargebridge/{V2GMqtt.ObjectId(control)}/state";

    private static string? Device(IReadOnlyDictionary<string, string> retained, string topic) =>
        JsonDocument.Parse(retained[topic]).RootElement.GetProperty("device").GetProperty("identifiers")[0].GetString();

    private static V2GApp App(IHost host) =>
        host.Services.GetRequiredService<AppRuntime>().Instance<V2GApp>() ?? throw new InvalidOperationException("the V2G app did not start");

    private async Task<IHost> StartAsync(HomeAssistantFake fake, QuasarSimulator sim, MosquittoBroker broker, Func<MqttOptions, MqttOptions>? tune = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [V2G + "ChargerHost"] = "127.0.0.1",
            [V2G + "ChargerPort"] = sim.Endpoint.Port.ToString(),
            [V2G + "DataFolder"] = _folder,
        });
        var options = new MqttOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "chargebridge-test" };
        builder.Services.AddSingleton(tune?.Invoke(options) ?? options);
        builder.Services.AddHomeAssistantApps(fake.ClientOptions(), new AppCatalog([typeof(V2GApp)]));
        var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<AppRuntime>();
        await runtime.Started.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(AppState.Running, Assert.Single(runtime.Apps).State);
        return host;
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
