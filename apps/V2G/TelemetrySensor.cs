using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Apps.V2G;

/// <summary>The site's telemetry sensor: ok, failing or off, with the sink's counters since it started.</summary>
internal static class TelemetrySensor
{
    public const string Entity = "sensor.chargebridge_telemetry";

    public static readonly string[] States = ["ok", "failing", "off"];

    public static Task PublishAsync(ISensorPublisher publisher, TelemetryStatus status) =>
        publisher.PublishAsync(Entity, StateOf(status.State), new Dictionary<string, object?>
        {
            ["friendly_name"] = "Telemetry",
            ["icon"] = status.State == TelemetryState.Failing ? "mdi:database-alert" : "mdi:database-arrow-right",
            ["device_class"] = "enum",
            ["options"] = States,
            ["points_written"] = status.PointsWritten,
            ["samples_dropped"] = status.SamplesDropped,
            ["write_failures"] = status.WriteFailures,
            ["last_write"] = status.LastWrite?.ToString("o"),
            ["failing_since"] = status.FailingSince?.ToString("o"),
        }, CancellationToken.None);

    private static string StateOf(TelemetryState state) => state switch
    {
        TelemetryState.Ok => "ok",
        TelemetryState.Failing => "failing",
        _ => "off",
    };
}
