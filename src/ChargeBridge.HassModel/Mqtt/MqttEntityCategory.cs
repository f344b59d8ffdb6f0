namespace ChargeBridge.HassModel.Mqtt;

/// <summary>HA's entity_category: a setting (config) or a reading about the device itself (diagnostic).</summary>
public enum MqttEntityCategory
{
    None,
    Config,
    Diagnostic,
}
