namespace ChargeBridge.Devices.SunSpec;

/// <summary>Which SunSpec model a <c>sunspec</c> meter reads.</summary>
public enum SunSpecModelChoice
{
    /// <summary>A meter model (201-204) when the device has one, else an inverter model (101-103): a meter at the
    /// grid point is what a site meter is usually for.</summary>
    Auto,
    /// <summary>Inverter models 101-103: the AC power the inverter produces, reported as negative consumption.</summary>
    Inverter,
    /// <summary>Meter models 201-204.</summary>
    Meter,
}
