namespace ChargeBridge.HassModel.Mqtt;

/// <summary>A validated command from HA for one entity: a select's option, a number's value as text, ON/OFF for a
/// switch, PRESS for a button.</summary>
/// <param name="Retained">The entity's retained state read back at connect (its value from before a restart), not a
/// new command from HA.</param>
public readonly record struct MqttCommand(MqttEntity Entity, string Payload, bool Retained = false);
