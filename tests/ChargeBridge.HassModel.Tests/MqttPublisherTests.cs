using ChargeBridge.Tests;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json;
using ChargeBridge.HassModel.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

/// <summary>The MQTT publisher against a real broker (Debian's mosquitto), read and driven by Debian's mosquitto_sub
/// and mosquitto_pub as independent clients.</summary>
public class MqttPublisherTests
{
    private const string Discovery = "homeassistant/#";
    private const string Base = "chargebridge/#";

    private static readonly MqttDevice Device = new(["chargebridge_test"], "ChargeBridge", "ChargeBridge", "Home controller", "1.2.3",
        new Uri("http://homeassistant.local:8123/hassio/ingress/chargebridge"));

    private static readonly MqttEntity[] Entities =
    [
        MqttEntity.Sensor("grid_power", "Grid power", "W", "power", "measurement", hasAttributes: true),
        MqttEntity.Sensor("plan_status", "Plan status", category: MqttEntityCategory.Diagnostic),
        MqttEntity.BinarySensor("car_plugged", "Car plugged in", "plug"),
        MqttEntity.Select("charge_mode", "Charge mode", ["smart", "fast", "off"], MqttEntityCategory.Config),
        MqttEntity.Number("min_soc", "Minimum charge", 0, 100, 5, "%", MqttNumberMode.Slider, category: MqttEntityCategory.Config),
        MqttEntity.Button("replan", "Plan again"),
        MqttEntity.Switch("v2g_allowed", "Discharging allowed", MqttEntityCategory.Config),
    ];

    private static MqttOptions Options(MosquittoBroker broker) => new()
    {
        Host = "127.0.0.1",
        Port = broker.Port,
        ClientId = "chargebridge-test-" + Guid.NewGuid().ToString("N")[..8],
        ReconnectFirstDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    private static MqttEntityPublisher Publisher(MosquittoBroker broker, ILogger<MqttEntityPublisher>? logger = null)
    {
        var publisher = new MqttEntityPublisher(Options(broker), Device, Entities, logger ?? new FakeLogger<MqttEntityPublisher>(), TimeProvider.System);
        publisher.SetState("grid_power", "1523.4");
        publisher.SetAttributes("grid_power", """{"source":"meter"}""");
        publisher.SetState("plan_status", "ok");
        publisher.SetState("car_plugged", MqttEntity.On);
        publisher.SetState("charge_mode", "smart");
        publisher.SetState("min_soc", "20");
        publisher.SetState("v2g_allowed", MqttEntity.Off);
        return publisher;
    }

    private static string ConfigTopic(string component, string objectId) => $"homeassistant/{component}/chargebridge/{objectId}/config";

    private static bool EverythingPresent(IReadOnlyDictionary<string, string> retained, string gridPower) =>
        Entities.All(e => retained.ContainsKey(ConfigTopic(e.Component, e.ObjectId))) &&
        retained.GetValueOrDefault("chargebridge/grid_power/state") == gridPower &&
        retained.GetValueOrDefault("chargebridge/availability") == "online";

    [Fact]
    public async Task Mqtt_configs_states_and_availability_are_retained_and_read_by_an_independent_client()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = Publisher(broker);
        publisher.Start();

        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);

        Assert.Equal("""{"source":"meter"}""", retained["chargebridge/grid_power/attributes"]);
        Assert.Equal("ON", retained["chargebridge/car_plugged/state"]);
        Assert.Equal("smart", retained["chargebridge/charge_mode/state"]);
        Assert.Equal("20", retained["chargebridge/min_soc/state"]);
        Assert.Equal("OFF", retained["chargebridge/v2g_allowed/state"]);
        Assert.False(retained.ContainsKey("chargebridge/replan/state"));
        var sensor = JsonDocument.Parse(retained[ConfigTopic("sensor", "grid_power")]).RootElement;
        Assert.Equal("chargebridge_test_grid_power", sensor.GetProperty("unique_id").GetString());
        Assert.Equal("chargebridge/grid_power/state", sensor.GetProperty("state_topic").GetString());
        Assert.Equal("chargebridge/grid_power/attributes", sensor.GetProperty("json_attributes_topic").GetString());
        Assert.Equal(("power", "measurement", "W"), (sensor.GetProperty("device_class").GetString(), sensor.GetProperty("state_class").GetString(),
            sensor.GetProperty("unit_of_measurement").GetString()));
        var device = sensor.GetProperty("device");
        Assert.Equal("chargebridge_test", device.GetProperty("identifiers")[0].GetString());
        Assert.Equal(("ChargeBridge", "Home controller", "1.2.3"), (device.GetProperty("manufacturer").GetString(),
            device.GetProperty("model").GetString(), device.GetProperty("sw_version").GetString()));
        Assert.Equal(Device.ConfigurationUrl!.ToString(), device.GetProperty("configuration_url").GetString());
        var select = JsonDocument.Parse(retained[ConfigTopic("select", "charge_mode")]).RootElement;
        Assert.Equal(["smart", "fast", "off"], select.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("config", select.GetProperty("entity_category").GetString());
        var number = JsonDocument.Parse(retained[ConfigTopic("number", "min_soc")]).RootElement;
        Assert.Equal((0.0, 100.0, 5.0, "slider"), (number.GetProperty("min").GetDouble(), number.GetProperty("max").GetDouble(),
            number.GetProperty("step").GetDouble(), number.GetProperty("mode").GetString()));
        Assert.Equal("diagnostic", JsonDocument.Parse(retained[ConfigTopic("sensor", "plan_status")]).RootElement.GetProperty("entity_category").GetString());
    }

    [Fact]
    public async Task Mqtt_every_config_meets_the_discovery_schema_of_its_platform_and_names_the_availability_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = Publisher(broker);
        publisher.Start();

        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);

        var configs = retained.Where(r => r.Key.StartsWith("homeassistant/", StringComparison.Ordinal)).ToList();
        Assert.Equal(Entities.Length, configs.Count);
        Assert.Empty(configs.SelectMany(c => MqttDiscoverySchema.Problems(c.Key, c.Value)));
        var parsed = configs.Select(c => JsonDocument.Parse(c.Value).RootElement).ToList();
        Assert.All(parsed, c => Assert.Equal("chargebridge/availability", c.GetProperty("availability_topic").GetString()));
        Assert.All(parsed, c => Assert.Equal(("online", "offline"),
            (c.GetProperty("payload_available").GetString(), c.GetProperty("payload_not_available").GetString())));
        Assert.Equal(Entities.Length, parsed.Select(c => c.GetProperty("unique_id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Mqtt_the_schema_check_finds_a_config_ha_would_refuse()
    {
        // The checker the tests rely on must itself fail on what HA rejects.
        Assert.NotEmpty(MqttDiscoverySchema.Problems(ConfigTopic("select", "x"),
            """{"name":"x","unique_id":"u","availability_topic":"a","device":{"identifiers":["d"]},"command_topic":"c/set"}"""));
        Assert.NotEmpty(MqttDiscoverySchema.Problems(ConfigTopic("number", "x"),
            """{"name":"x","unique_id":"u","availability_topic":"a","device":{"identifiers":["d"]},"min":0,"max":1,"step":1}"""));
        Assert.NotEmpty(MqttDiscoverySchema.Problems(ConfigTopic("button", "x"),
            """{"name":"x","availability_topic":"a","device":{"identifiers":["d"]},"command_topic":"c/#"}"""));
        Assert.NotEmpty(MqttDiscoverySchema.Problems(ConfigTopic("sensor", "x"),
            """{"name":"x","unique_id":"u","availability_topic":"a","state_topic":"s","entity_category":"config","device":{"identifiers":["d"]}}"""));
    }

    [Fact]
    public async Task Mqtt_a_valid_command_reaches_the_observable_and_an_invalid_one_is_logged_and_dropped()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var logger = new FakeLogger<MqttEntityPublisher>();
        await using var publisher = Publisher(broker, logger);
        var received = new List<MqttCommand>();
        using var subscription = publisher.Commands.Subscribe(c => { lock (received) received.Add(c); });
        var lastValid = publisher.Commands.Where(c => c.Entity.ObjectId == "replan").FirstAsync().ToTask();
        publisher.Start();
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);

        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/charge_mode/set", "turbo");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/min_soc/set", "150");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/min_soc/set", "lots");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/v2g_allowed/set", "maybe");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/charge_mode/set", "fast");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/min_soc/set", "35");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/v2g_allowed/set", "ON");
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/replan/set", "PRESS");
        await lastValid.WaitAsync(TimeSpan.FromSeconds(10));

        lock (received)
            Assert.Equal([("charge_mode", "fast"), ("min_soc", "35"), ("v2g_allowed", "ON"), ("replan", "PRESS")],
                received.Select(c => (c.Entity.ObjectId, c.Payload)));
        var warnings = logger.Collector.GetSnapshot().Where(r => r.Id == MqttEntityPublisher.CommandIgnored).ToList();
        Assert.Equal(["turbo", "150", "lots", "maybe"], warnings.Select(w => w.GetStructuredStateValue("Payload")));
        Assert.Equal(["charge_mode", "min_soc", "min_soc", "v2g_allowed"], warnings.Select(w => w.GetStructuredStateValue("ObjectId")));

        // The caller echoes the accepted state; it is retained for HA.
        publisher.SetState("charge_mode", "fast");
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/charge_mode/state") == "fast", "the echoed state", Base);
    }

    [Fact]
    public async Task Mqtt_after_a_broker_restart_every_entity_is_back_with_the_state_set_while_it_was_down()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var logger = new FakeLogger<MqttEntityPublisher>();
        await using var publisher = Publisher(broker, logger);
        publisher.Start();
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);

        await broker.KillAsync();
        // Meanwhile the caller carries on: nothing throws, and only the latest value has to arrive.
        publisher.SetState("grid_power", "1800");
        publisher.SetState("grid_power", "2100.5");
        publisher.SetState("charge_mode", "off");
        await broker.StartAgainAsync();

        // Persistence is off: whatever is retained now was published again after the reconnect.
        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "2100.5"), "every entity again", Discovery, Base);
        Assert.Equal("off", retained["chargebridge/charge_mode/state"]);
        Assert.Equal("""{"source":"meter"}""", retained["chargebridge/grid_power/attributes"]);
        Assert.True(publisher.ConnectionCount >= 2, $"connections: {publisher.ConnectionCount}");
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Mqtt_home_assistant_announcing_online_makes_it_publish_everything_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = Publisher(broker);
        publisher.Start();
        var before = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);
        // Clear every retained config and state (an empty retained message deletes it), as if the broker had lost them.
        foreach (var topic in before.Keys) await MosquittoClients.PublishAsync(broker.Port, topic, "", retain: true);
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.Count == 0, "an empty broker", Discovery, Base);

        await MosquittoClients.PublishAsync(broker.Port, "homeassistant/status", "online");

        var after = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.Count == before.Count && EverythingPresent(r, "1523.4"),
            "every entity again", Discovery, Base);
        Assert.Equal(before, after);
        Assert.Equal(1, publisher.ConnectionCount);
    }

    [Fact]
    public async Task Mqtt_a_connection_dropped_without_goodbye_leaves_the_last_will_offline()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var publisher = Publisher(broker);
        publisher.Start();
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);

        // Disposed without StopAsync: no offline message of ours, the broker publishes the will.
        await publisher.DisposeAsync();

        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/availability") == "offline",
            "availability offline", Base);
    }

    [Fact]
    public async Task Mqtt_stopping_cleanly_publishes_offline_itself()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = Publisher(broker);
        publisher.Start();
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "1523.4"), "every entity", Discovery, Base);

        await publisher.StopAsync(CancellationToken.None);

        Assert.False(publisher.IsConnected);
        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/availability") == "offline",
            "availability offline", Base);
    }

    [Fact]
    public async Task Mqtt_with_no_broker_setting_states_never_throws_and_they_arrive_once_it_is_up()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.KillAsync();
        await using var publisher = Publisher(broker);
        publisher.Start();
        for (var i = 0; i < 1000; i++) publisher.SetState("grid_power", i.ToString());
        Assert.False(publisher.IsConnected);

        await broker.StartAgainAsync();

        await MosquittoClients.WaitForRetainedAsync(broker.Port, r => EverythingPresent(r, "999"), "the latest state", Discovery, Base);
    }

    [Fact]
    public async Task Mqtt_with_a_broker_that_asks_for_a_login_the_right_password_connects_and_a_wrong_one_is_retried_without_logging_it()
    {
        await using var broker = await MosquittoBroker.StartAsync(("chargebridge", "right-pw-1"));
        var refusedLog = new FakeLogger<MqttEntityPublisher>();
        await using (var refused = new MqttEntityPublisher(Options(broker) with { Username = "chargebridge", Password = "wrong-pw-2" }, Device, Entities,
            refusedLog, TimeProvider.System))
        {
            refused.Start();
            await Wait.Until(() => refusedLog.Collector.GetSnapshot().Count(r => r.Id == MqttEntityPublisher.ConnectFailed) >= 2,
                "a second attempt after the refused login");
            Assert.Equal(0, refused.ConnectionCount);
        }

        Assert.All(refusedLog.Collector.GetSnapshot(), r => Assert.DoesNotContain("wrong-pw-2", r.Message + r.Exception));

        await using var accepted = new MqttEntityPublisher(Options(broker) with { Username = "chargebridge", Password = "right-pw-1" }, Device, Entities,
            new FakeLogger<MqttEntityPublisher>(), TimeProvider.System);
        accepted.SetState("grid_power", "1523.4");
        accepted.Start();
        await Wait.Until(() => accepted.ConnectionCount > 0, "the connection with the right password");
        Assert.Equal(1, accepted.ConnectionCount);
    }
}
