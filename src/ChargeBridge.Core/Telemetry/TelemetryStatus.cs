namespace ChargeBridge.Core.Telemetry;

/// <summary>What a telemetry sink knows of itself since it started: line-protocol points the server took, samples
/// dropped (full buffer or refused), writes that failed, when the last write went through and since when writes fail
/// (null while they do not).</summary>
public sealed record TelemetryStatus(TelemetryState State, long PointsWritten, long SamplesDropped, long WriteFailures, DateTimeOffset? LastWrite,
    DateTimeOffset? FailingSince)
{
    public static readonly TelemetryStatus Off = new(TelemetryState.Off, 0, 0, 0, null, null);

    /// <summary>A sink that writes nowhere but is on (the metrics alone): nothing to fail.</summary>
    public static readonly TelemetryStatus NothingToWrite = new(TelemetryState.Ok, 0, 0, 0, null, null);
}
