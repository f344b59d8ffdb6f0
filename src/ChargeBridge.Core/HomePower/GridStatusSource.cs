namespace ChargeBridge.Core.HomePower;

/// <summary>Which kind of HA entity tells whether the grid is there.</summary>
public enum GridStatusSource
{
    /// <summary>A binary sensor that is on while the grid is there (a relay, a UPS, the transfer switch's contact).</summary>
    BinarySensor,
    /// <summary>The grid meter's voltage sensor (V): below <see cref="BackupSettings.MinVolts"/>, 0 or unavailable is an outage.</summary>
    Voltage,
    /// <summary>The grid meter's frequency sensor (Hz): 0 or unavailable is an outage, a value outside 45–55 Hz says nothing.</summary>
    Frequency,
}
