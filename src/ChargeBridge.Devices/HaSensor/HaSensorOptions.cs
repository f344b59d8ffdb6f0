namespace ChargeBridge.Devices.HaSensor;

/// <summary>The sensor an <c>ha-sensor</c> meter reads and how its numbers become a power.</summary>
public sealed record HaSensorOptions
{
    /// <summary>sensor.* with a power.</summary>
    public required string Entity { get; init; }

    public SensorUnit Unit { get; init; } = SensorUnit.Auto;

    /// <summary>Turns the sign round, for a sensor that counts the other way than ChargeBridge: ChargeBridge reads
    /// + as import or consumption and − as export or production, so a PV inverter's production (positive in HA) needs it.</summary>
    public bool Invert { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
