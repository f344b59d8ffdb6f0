using ChargeBridge.Tests;
using ChargeBridge.HassModel.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

public class MqttOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Mqtt_settings_default_to_a_local_broker_and_home_assistants_discovery_prefix()
    {
        var options = MqttOptions.FromConfiguration(Config());
        Assert.Equal(("localhost", 1883, "chargebridge", "homeassistant", "chargebridge"),
            (options.Host, options.Port, options.ClientId, options.DiscoveryPrefix, options.BaseTopic));
        Assert.Equal("chargebridge/availability", options.AvailabilityTopic);
        Assert.Equal("homeassistant/status", options.HomeAssistantStatusTopic);
    }

    [Fact]
    public void Mqtt_settings_are_read_from_the_mqtt_section()
    {
        var options = MqttOptions.FromConfiguration(Config(("Mqtt:Host", "core-mosquitto"), ("Mqtt:Port", "1884"), ("Mqtt:Username", "cb"),
            ("Mqtt:Password", "pw"), ("Mqtt:ClientId", "cb-1"), ("Mqtt:DiscoveryPrefix", "ha"), ("Mqtt:BaseTopic", "garage")));
        Assert.Equal(("core-mosquitto", 1884, "cb", "pw", "cb-1", "ha", "garage"),
            (options.Host, options.Port, options.Username, options.Password, options.ClientId, options.DiscoveryPrefix, options.BaseTopic));
    }

    [Theory]
    [InlineData("Port", "eighty", "whole number")]
    [InlineData("Port", "0", "between 1 and 65535")]
    [InlineData("Host", "", "is empty")]
    [InlineData("ClientId", " ", "is empty")]
    [InlineData("BaseTopic", "charge/bridge", "one topic level")]
    [InlineData("DiscoveryPrefix", "home#", "one topic level")]
    public void Mqtt_an_invalid_setting_names_its_key(string key, string value, string hint)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MqttOptions.FromConfiguration(Config(($"Mqtt:{key}", value))));
        Assert.Contains($"Mqtt:{key}", error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public async Task Mqtt_the_password_is_never_in_the_options_text_nor_in_the_log()
    {
        const string password = "s3cret-broker-pw";
        var options = new MqttOptions { Host = "127.0.0.1", Port = 1, Username = "cb", Password = password,
            ReconnectFirstDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(50) };
        Assert.DoesNotContain(password, options.ToString());
        Assert.Contains("password set", options.ToString());

        var logger = new FakeLogger<MqttEntityPublisher>();
        var device = new MqttDevice(["cb"], "ChargeBridge", "ChargeBridge", "Home controller", "1.0");
        await using (var publisher = new MqttEntityPublisher(options, device, [MqttEntity.Sensor("power", "Power", "W")], logger, TimeProvider.System))
        {
            publisher.Start();
            await Wait.Until(() => logger.Collector.GetSnapshot().Count(r => r.Id == MqttEntityPublisher.ConnectFailed) >= 3, "three failed connects");
        }

        var records = logger.Collector.GetSnapshot();
        Assert.All(records, r => Assert.DoesNotContain(password, r.Message + r.Exception));
        Assert.All(records, r => Assert.DoesNotContain(r.StructuredState ?? [], s => s.Value?.Contains(password) == true));
    }
}
