namespace ChargeBridge.HassModel.Mqtt;

/// <summary>A validated command from HA for one entity: a select's option, a number's value as text, ON/OFF for a
/// switch, PRESS for a button.</summary>
public readonly record struct MqttCommand(MqttEntity Entity, string Payload);
