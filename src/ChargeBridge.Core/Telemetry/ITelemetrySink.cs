namespace ChargeBridge.Core.Telemetry;

/// <summary>Where the control loop hands each step's <see cref="TelemetrySample"/>. <see cref="Publish"/> returns at
/// once whatever the sink's server does: the control loop never waits for telemetry.</summary>
public interface ITelemetrySink
{
    void Publish(TelemetrySample sample);

    /// <summary>How the sink is doing now, read-only, for the site's telemetry sensor and its notification.</summary>
    TelemetryStatus Status { get; }
}
