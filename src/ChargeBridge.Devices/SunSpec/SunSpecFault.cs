namespace ChargeBridge.Devices.SunSpec;

/// <summary>Failures a SunSpec device can show, for the simulator to imitate.</summary>
public enum SunSpecFault
{
    None,
    /// <summary>Requests get no answer; the connection stays open.</summary>
    Hang,
    /// <summary>Every request gets "server device failure".</summary>
    ExceptionResponses,
    /// <summary>The marker registers read zero: Modbus answers, but no SunSpec map is there.</summary>
    NoMarker,
}
