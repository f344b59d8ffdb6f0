namespace ChargeBridge.Core.Meters;

/// <summary>
/// A power meter: the grid connection, PV, a house battery. Implementations never throw for device trouble (timeouts,
/// refused connections, HTTP errors, malformed answers): they report it in <see cref="MeterReading.Problem"/> and keep
/// the last good value with its time, so the caller judges its age (<see cref="MeterReading.HealthAt"/>). Only
/// cancellation by the caller throws.
/// </summary>
public interface IMeter
{
    /// <summary>The latest reading; <see cref="MeterReading.None"/> before the first.</summary>
    MeterReading Reading { get; }

    /// <summary>Reads the meter now.</summary>
    Task<MeterReading> RefreshAsync(CancellationToken ct = default);
}
