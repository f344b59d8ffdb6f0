namespace ChargeBridge.HassModel.Mqtt;

/// <summary>How HA shows a number entity.</summary>
public enum MqttNumberMode
{
    Auto,
    Box,
    Slider,
}
