namespace ChargeBridge.Devices.HaSensor;

/// <summary>The unit a power sensor's state is in: read from its <c>unit_of_measurement</c>, or fixed by configuration
/// for a sensor (often a template) that has none.</summary>
public enum SensorUnit
{
    Auto,
    Watts,
    Kilowatts,
}
