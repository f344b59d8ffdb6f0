namespace ChargeBridge.Apps.V2G;

/// <summary>Publishes the app's sensors to HA: through the REST API (<see cref="SensorPublisher"/>) or as MQTT
/// discovered entities (<see cref="Mqtt.MqttSensorPublisher"/>). The state and attributes are the same for both.</summary>
internal interface ISensorPublisher
{
    /// <summary>Whether <paramref name="entityId"/> is a sensor HA forgets on its restart and this publisher must post
    /// again (the loop steps at once when it is gone).</summary>
    bool Owns(string entityId);

    /// <param name="attributes">HA's attributes: device_class, unit_of_measurement, state_class, friendly_name and
    /// options describe the sensor, the rest is its data.</param>
    Task PublishAsync(string entityId, string state, object attributes, CancellationToken ct);
}
