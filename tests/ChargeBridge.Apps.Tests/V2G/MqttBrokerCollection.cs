namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The tests that run mosquitto and hosts on MQTT: each starts a broker and hosts of its own, and together they
/// load a small machine enough to stretch the timing of the other app tests, so they run alone, after those.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MqttBrokerCollection
{
    public const string Name = "MQTT broker";
}
