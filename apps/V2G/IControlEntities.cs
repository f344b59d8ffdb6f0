using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The user's controls (charge mode, settings numbers, on/off switches) as the loop reads and sets them. They live as
/// input_* helpers in HA (<see cref="HelperControls"/>) or as MQTT entities (<see cref="Mqtt.MqttControls"/>); only the
/// transport differs, the decisions read both the same way. A control is named by its helper definition, whose entity
/// id, range and options both transports share.
/// </summary>
internal interface IControlEntities
{
    /// <summary>The control's state as a helper holds it ("Automatic", "20", "on"), with when it last changed; null
    /// when it is not known.</summary>
    EntityState? Get(HelperDefinition control);

    /// <summary>Sets a select control to one of its options.</summary>
    void Select(HelperDefinition select, string option);

    /// <summary>The helper entity id of every control that changes (the loop then steps at once).</summary>
    IObservable<string> Changes { get; }
}
