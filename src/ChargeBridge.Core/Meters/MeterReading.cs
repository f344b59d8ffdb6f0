using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Meters;

/// <summary>
/// What a meter said last. <see cref="Power"/> is positive for import or consumption (energy into the house from the
/// grid, or PV production read as negative consumption by a grid meter) and negative for export; a PV meter reports
/// production as negative, a house battery its charging as positive. <see cref="At"/> is when the value was read;
/// <see cref="AttemptedAt"/> and <see cref="Problem"/> describe the latest attempt, which may have failed since.
/// </summary>
public sealed record MeterReading(DateTimeOffset? At, Power? Power, DateTimeOffset? AttemptedAt, string? Problem)
{
    public static readonly MeterReading None = new(null, null, null, "not read yet");

    /// <summary>Energy imported (consumed) since the meter's counter started, when it has one.</summary>
    public Energy? Imported { get; init; }

    /// <summary>Energy exported (returned) since the meter's counter started, when it has one.</summary>
    public Energy? Exported { get; init; }

    /// <summary>Voltage in V (of the first phase on a three-phase meter).</summary>
    public double? Voltage { get; init; }

    /// <summary>Grid frequency in Hz, when the meter reports it.</summary>
    public double? Frequency { get; init; }

    /// <summary>Per-phase values on a meter that measures phases; empty otherwise.</summary>
    public IReadOnlyList<PhaseReading> Phases { get; init; } = [];

    /// <summary>A good reading taken at <paramref name="at"/>.</summary>
    public static MeterReading Read(DateTimeOffset at, Power power) => new(at, power, at, null);

    /// <summary>This reading after a failed attempt: the last good value stays with its time, the problem is told.</summary>
    public MeterReading Failed(DateTimeOffset at, string problem) => this with { AttemptedAt = at, Problem = problem };

    /// <summary>Whether the value may be acted on at <paramref name="now"/>: it is stale once older than <paramref name="staleAfter"/>,
    /// unknown when there is none or it is not a number (a NaN would poison every sum and average it enters).</summary>
    public MeterHealth HealthAt(DateTimeOffset now, TimeSpan staleAfter) =>
        At is not { } at || Power is not { } power || !double.IsFinite(power.Watts) ? MeterHealth.Unknown
        : now - at > staleAfter ? MeterHealth.Stale
        : Problem is null ? MeterHealth.Ok : MeterHealth.Degraded;
}

/// <summary>One phase of a multi-phase meter.</summary>
public sealed record PhaseReading(Power Power, double? Voltage, double? Current);
