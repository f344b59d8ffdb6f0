using System.Text.Json;
using ChargeBridge.Apps.V2G.Mqtt;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.HassModel.Tests;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The REST path's sensor states and attributes turned into MQTT discovery, read back by mosquitto_sub.</summary>
[Collection(MqttBrokerCollection.Name)]
public class MqttSensorPublisherTests
{
    [Fact]
    public async Task Mqtt_describing_attributes_go_into_the_config_the_rest_onto_the_attributes_topic_and_unknown_becomes_none()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var device = new MqttDevice(["cb_site"], "ChargeBridge", "ChargeBridge", "Site", "1");
        await using var publisher = new MqttEntityPublisher(new MqttOptions { Host = "127.0.0.1", Port = broker.Port }, device, [],
            NullLogger<MqttEntityPublisher>.Instance, TimeProvider.System);
        var sensors = new MqttSensorPublisher(publisher, _ => device);
        publisher.Start();

        await sensors.PublishAsync("sensor.chargebridge_charger_state", "unknown", new
        {
            device_class = "enum", options = new[] { "Charging", "Paused" }, friendly_name = "Charger state", fault_reason = (string?)null,
        }, CancellationToken.None);
        await sensors.PublishAsync("binary_sensor.chargebridge_power_deviation", "on", new { friendly_name = "Power deviation", icon = "mdi:alert", since = "10:00" },
            CancellationToken.None);

        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.Count == 6, "two configs, states and attributes",
            "homeassistant/#", "chargebridge/+/state", "chargebridge/+/attributes");
        var config = JsonDocument.Parse(retained["homeassistant/sensor/chargebridge/chargebridge_charger_state/config"]).RootElement;
        Assert.Equal(("Charger state", "enum", "sensor.chargebridge_charger_state"),
            (config.GetProperty("name").GetString(), config.GetProperty("device_class").GetString(), config.GetProperty("default_entity_id").GetString()));
        Assert.Equal(["Charging", "Paused"], config.GetProperty("options").EnumerateArray().Select(o => o.GetString()!));
        Assert.Equal("None", retained["chargebridge/chargebridge_charger_state/state"]);
        Assert.Equal("""{"fault_reason":null}""", retained["chargebridge/chargebridge_charger_state/attributes"]);
        Assert.Equal("ON", retained["chargebridge/chargebridge_power_deviation/state"]);
        Assert.Equal("mdi:alert", JsonDocument.Parse(retained["homeassistant/binary_sensor/chargebridge/chargebridge_power_deviation/config"]).RootElement
            .GetProperty("icon").GetString());
        Assert.Equal("""{"since":"10:00"}""", retained["chargebridge/chargebridge_power_deviation/attributes"]);
        Assert.All(retained.Where(r => r.Key.EndsWith("/config", StringComparison.Ordinal)), r => Assert.Empty(MqttDiscoverySchema.Problems(r.Key, r.Value)));
        Assert.False(sensors.Owns("sensor.chargebridge_charger_state"));
    }
}
