namespace ChargeBridge.Core.Telemetry;

/// <summary>The name of the meter every ChargeBridge instrument belongs to, which the metrics exporter listens to.</summary>
public static class TelemetryMeter
{
    public const string Name = "ChargeBridge";
}
