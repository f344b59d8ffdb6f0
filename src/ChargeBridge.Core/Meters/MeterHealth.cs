namespace ChargeBridge.Core.Meters;

/// <summary>How far a meter's value may be trusted.</summary>
public enum MeterHealth
{
    /// <summary>No value read yet.</summary>
    Unknown,
    /// <summary>The latest attempt read a value.</summary>
    Ok,
    /// <summary>The latest attempt failed, but the value read before is still young enough to act on.</summary>
    Degraded,
    /// <summary>No value read for longer than the meter's stale time: control must not act on it.</summary>
    Stale,
}
