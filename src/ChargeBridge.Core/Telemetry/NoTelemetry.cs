namespace ChargeBridge.Core.Telemetry;

/// <summary>The sink while telemetry is off: every sample is let go.</summary>
public sealed class NoTelemetry : ITelemetrySink
{
    public static readonly NoTelemetry Instance = new();

    private NoTelemetry()
    {
    }

    public TelemetryStatus Status => TelemetryStatus.Off;

    public void Publish(TelemetrySample sample)
    {
    }
}
