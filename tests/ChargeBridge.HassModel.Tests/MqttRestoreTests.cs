using System.Collections.Concurrent;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

/// <summary>The retained states of the controls as their store across restarts, and sensors declared after the start.</summary>
public class MqttRestoreTests
{
    private static readonly MqttDevice Site = new(["cb_site"], "ChargeBridge", "ChargeBridge", "Site", "1");
    private static readonly MqttDevice Loadpoint = new(["cb_loadpoint"], "ChargeBridge loadpoint", "ChargeBridge", "Loadpoint", "1");

    [Fact]
    public async Task Mqtt_retained_control_states_come_back_as_retained_commands_before_restored_and_a_value_set_before_the_connect_wins()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/charge_mode/state", "off", retain: true);
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/min_soc/state", "35", retain: true);
        await MosquittoClients.PublishAsync(broker.Port, "chargebridge/vat/state", "21", retain: true);
        await using var publisher = new MqttEntityPublisher(new MqttOptions { Host = "127.0.0.1", Port = broker.Port },
        [
            (Loadpoint, MqttEntity.Select("charge_mode", "Charge mode", ["smart", "fast", "off"])),
            (Loadpoint, MqttEntity.Number("min_soc", "Min SoC", 10, 55, 1, "%")),
            (Site, MqttEntity.Number("vat", "VAT", 0, 50, 0.1, "%")),
        ], new FakeLogger<MqttEntityPublisher>(), TimeProvider.System);
        var commands = new ConcurrentQueue<MqttCommand>();
        using var subscription = publisher.Commands.Subscribe(commands.Enqueue);
        publisher.SetState("vat", "9");
        publisher.Start();

        await publisher.Restored.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([("charge_mode", "off", true), ("min_soc", "35", true)],
            commands.Select(c => (c.Entity.ObjectId, c.Payload, c.Retained)).OrderBy(c => c.ObjectId));
        var retained = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/vat/state") == "9",
            "the VAT set before the connect over the retained one", "chargebridge/+/state");
        Assert.Equal("35", retained["chargebridge/min_soc/state"]);

        // A sensor declared after the connect: its config (with its own device) goes out, then its state.
        publisher.Declare(Site, MqttEntity.Sensor("grid_power", "Grid power", "W", "power", hasAttributes: true));
        publisher.Declare(Site, MqttEntity.Sensor("grid_power", "Grid power again"));
        publisher.SetState("grid_power", "1200");
        var late = await MosquittoClients.WaitForRetainedAsync(broker.Port, r => r.GetValueOrDefault("chargebridge/grid_power/state") == "1200" &&
            r.ContainsKey("homeassistant/sensor/chargebridge/grid_power/config"), "the late sensor", "homeassistant/#", "chargebridge/+/state");
        Assert.Contains("\"cb_site\"", late["homeassistant/sensor/chargebridge/grid_power/config"]);
        Assert.Contains("\"Grid power\"", late["homeassistant/sensor/chargebridge/grid_power/config"]);
        Assert.Contains("\"cb_loadpoint\"", late["homeassistant/number/chargebridge/min_soc/config"]);
        Assert.Throws<ArgumentException>(() => publisher.Declare(Site, MqttEntity.Switch("late_switch", "Late switch")));
    }
}
