namespace ChargeBridge.Core.Telemetry;

/// <summary>How the telemetry sink is doing, as the site sensor shows it.</summary>
public enum TelemetryState
{
    /// <summary>Configured, and the last write (if any) went through.</summary>
    Ok,
    /// <summary>Writes fail now; samples wait in the buffer.</summary>
    Failing,
    /// <summary>Telemetry is not configured.</summary>
    Off,
}
