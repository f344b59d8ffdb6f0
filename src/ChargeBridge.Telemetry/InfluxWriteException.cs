namespace ChargeBridge.Telemetry;

/// <summary>InfluxDB refused a write: its HTTP status and the start of its answer.</summary>
internal sealed class InfluxWriteException(int status, string answer) : Exception($"InfluxDB answered {status}: {answer.Trim()}")
{
    public int Status { get; } = status;

    /// <summary>A 400 refuses the lines themselves: sending them again cannot help (a 401, 404 or 5xx may pass later).</summary>
    public bool Permanent => Status == 400;
}
