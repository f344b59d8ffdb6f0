using ChargeBridge.HassModel.Mqtt;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

public class MqttEntityTests
{
    [Theory]
    [InlineData("grid power")]
    [InlineData("grid/power")]
    [InlineData("power+")]
    [InlineData("")]
    public void Mqtt_an_object_id_that_is_not_one_plain_topic_level_is_refused(string objectId) =>
        Assert.Throws<ArgumentException>(() => MqttEntity.Sensor(objectId, "Power"));

    [Fact]
    public void Mqtt_what_home_assistant_would_refuse_is_refused_when_the_entity_is_made()
    {
        Assert.Throws<ArgumentException>(() => MqttEntity.Select("mode", "Mode", []));
        Assert.Throws<ArgumentException>(() => MqttEntity.Select("mode", "Mode", ["a", "a"]));
        Assert.Throws<ArgumentException>(() => MqttEntity.Number("soc", "SoC", 100, 0, 1));
        Assert.Throws<ArgumentException>(() => MqttEntity.Number("soc", "SoC", 0, 100, 0));
        Assert.Throws<ArgumentException>(() => MqttEntity.Number("soc", "SoC", 0, double.NaN, 1));
        Assert.Throws<ArgumentException>(() => MqttEntity.Sensor("power", "Power", category: MqttEntityCategory.Config));
        Assert.Throws<ArgumentException>(() => MqttEntity.BinarySensor("plugged", "Plugged", category: MqttEntityCategory.Config));
        Assert.Throws<ArgumentException>(() => MqttEntity.Switch("v2g", " "));
    }

    [Theory]
    [InlineData("fast", true)]
    [InlineData("Fast", false)]
    [InlineData("", false)]
    public void Mqtt_a_select_accepts_only_its_options(string payload, bool accepted) =>
        Assert.Equal(accepted, MqttEntity.Select("mode", "Mode", ["smart", "fast"]).Accepts(payload, out _));

    [Theory]
    [InlineData("10", true)]
    [InlineData("80.5", true)]
    [InlineData("100", true)]
    [InlineData("9.99", false)]
    [InlineData("100.01", false)]
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    [InlineData("80,5", false)]
    [InlineData("", false)]
    public void Mqtt_a_number_accepts_only_numbers_within_min_and_max(string payload, bool accepted) =>
        Assert.Equal(accepted, MqttEntity.Number("soc", "SoC", 10, 100, 0.5, "%").Accepts(payload, out _));

    [Fact]
    public void Mqtt_switches_buttons_and_sensors_accept_only_their_words()
    {
        var v2g = MqttEntity.Switch("v2g", "V2G");
        Assert.True(v2g.Accepts("ON", out _) && v2g.Accepts("OFF", out _));
        Assert.False(v2g.Accepts("on", out var reason));
        Assert.Contains("neither ON nor OFF", reason);
        Assert.True(MqttEntity.Button("replan", "Replan").Accepts("PRESS", out _));
        Assert.False(MqttEntity.Button("replan", "Replan").Accepts("ON", out _));
        Assert.False(MqttEntity.Sensor("power", "Power").Accepts("1", out _));
    }

    [Fact]
    public async Task Mqtt_the_publisher_refuses_unknown_entities_duplicate_ids_states_for_buttons_and_attributes_that_are_not_an_object()
    {
        var options = new MqttOptions { Port = 1 };
        var device = new MqttDevice(["cb"], "ChargeBridge", "ChargeBridge", "Home controller", "1.0");
        var logger = new FakeLogger<MqttEntityPublisher>();
        Assert.Throws<ArgumentException>(() => new MqttEntityPublisher(options, device,
            [MqttEntity.Sensor("power", "Power"), MqttEntity.Switch("power", "Power switch")], logger, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new MqttEntityPublisher(options with { BaseTopic = "a/b" }, device, [], logger, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new MqttEntityPublisher(options, device with { Identifiers = [] }, [MqttEntity.Sensor("power", "Power")],
            logger, TimeProvider.System));
        await using var publisher = new MqttEntityPublisher(options, device, [MqttEntity.Sensor("power", "Power"), MqttEntity.Button("replan", "Replan")],
            logger, TimeProvider.System);
        Assert.Throws<ArgumentException>(() => publisher.SetState("nope", "1"));
        Assert.Throws<ArgumentException>(() => publisher.SetState("replan", "PRESS"));
        Assert.Throws<ArgumentException>(() => publisher.SetAttributes("power", "{}"));
        await using var withAttributes = new MqttEntityPublisher(options, device, [MqttEntity.Sensor("power", "Power", hasAttributes: true)],
            logger, TimeProvider.System);
        withAttributes.SetAttributes("power", """{"source":"meter"}""");
        Assert.Throws<ArgumentException>(() => withAttributes.SetAttributes("power", "[1,2]"));
        Assert.Throws<ArgumentException>(() => withAttributes.SetAttributes("power", "{not json"));
    }

    [Fact]
    public async Task Mqtt_setting_a_state_allocates_nothing_while_the_update_waits_to_be_sent()
    {
        var device = new MqttDevice(["cb"], "ChargeBridge", "ChargeBridge", "Home controller", "1.0");
        // Not started: like a broker that is away, the first update waits, so the ones after it only replace it.
        await using var publisher = new MqttEntityPublisher(new MqttOptions { Port = 1 }, device, [MqttEntity.Sensor("power", "Power", "W")],
            new FakeLogger<MqttEntityPublisher>(), TimeProvider.System);
        string[] values = ["1", "2", "3"];
        publisher.SetState("power", values[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) publisher.SetState("power", values[i % values.Length]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
