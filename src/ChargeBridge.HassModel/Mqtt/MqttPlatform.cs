namespace ChargeBridge.HassModel.Mqtt;

/// <summary>The HA MQTT platforms ChargeBridge publishes entities on.</summary>
public enum MqttPlatform
{
    Sensor,
    BinarySensor,
    Select,
    Number,
    Button,
    Switch,
}
