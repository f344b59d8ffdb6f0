using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Chargers;

/// <summary>How a charger's set point is expressed.</summary>
public enum SetPointUnit
{
    Watts,
    Amperes,
}

/// <summary>
/// What a charger can do. Limits are magnitudes: <see cref="MaxDischargePower"/> is positive. <see cref="MinPower"/> is
/// the smallest power the charger holds once it runs (a 6 A charger: about 1380 W on one phase, 4140 W on three), so
/// set points are rounded to what this charger can do rather than to one charger's constants.
/// </summary>
public sealed record ChargerCapabilities(bool Bidirectional, SetPointUnit SetPointUnit, Power MaxChargePower, Power MaxDischargePower)
{
    /// <summary>The nominal phase voltage a current set point is converted with.</summary>
    public const double PhaseVoltage = 230;

    /// <summary>6 A on one 230 V phase: the lowest current IEC 61851 chargers can hold.</summary>
    public static readonly Power SinglePhaseMinimum = Power.FromWatts(6 * PhaseVoltage);

    public Power MinPower { get; init; } = SinglePhaseMinimum;

    /// <summary>The phases the charger charges on now (1 or 3).</summary>
    public int Phases { get; init; } = 1;

    /// <summary>Whether the charger can switch between one and three phases.</summary>
    public bool CanSwitchPhases { get; init; }

    /// <summary>A charger set in amperes per phase: its powers follow from the currents and the phases.</summary>
    public static ChargerCapabilities ForCurrent(bool bidirectional, int phases, double minAmperes, double maxAmperes, bool canSwitchPhases = false) =>
        new(bidirectional, SetPointUnit.Amperes, PowerAt(maxAmperes, phases), bidirectional ? PowerAt(maxAmperes, phases) : Power.Zero)
        {
            MinPower = PowerAt(minAmperes, phases),
            Phases = phases,
            CanSwitchPhases = canSwitchPhases,
        };

    /// <summary>The power <paramref name="amperes"/> per phase gives on <paramref name="phases"/> phases at the nominal voltage.</summary>
    public static Power PowerAt(double amperes, int phases) => Power.FromWatts(amperes * phases * PhaseVoltage);

    /// <summary>The current per phase that gives <paramref name="power"/> on this charger's phases.</summary>
    public double AmperesFor(Power power) => Math.Abs(power.Watts) / (Phases * PhaseVoltage);

    /// <summary>The largest power this charger can be set to that is not above |<paramref name="power"/>|: whole amperes
    /// on its phases (whole watts for a charger set in watts); zero below its minimum. A magnitude, not capped at the
    /// maximum.</summary>
    public Power StepDown(Power power)
    {
        var stepped = SetPointUnit == SetPointUnit.Amperes
            ? PowerAt(Math.Floor(AmperesFor(power) + StepTolerance), Phases)
            : Power.FromWatts(Math.Floor(Math.Abs(power.Watts) + StepTolerance));
        return stepped < MinPower ? Power.Zero : stepped;
    }

    /// <summary>The smallest power this charger can be set to at or above |<paramref name="power"/>|, and at least its
    /// minimum. A magnitude, not capped at the maximum.</summary>
    public Power StepUp(Power power)
    {
        var stepped = SetPointUnit == SetPointUnit.Amperes
            ? PowerAt(Math.Ceiling(AmperesFor(power) - StepTolerance), Phases)
            : Power.FromWatts(Math.Ceiling(Math.Abs(power.Watts) - StepTolerance));
        return stepped < MinPower ? MinPower : stepped;
    }

    /// <summary>Rounding noise a whole step may carry from the arithmetic that made it (6 A × 230 V / 230 V).</summary>
    private const double StepTolerance = 1e-9;

    /// <summary>Why <paramref name="power"/> is outside these limits, or null when it is inside.</summary>
    public string? Refusal(Power power)
    {
        if (double.IsNaN(power.Watts)) return "the set point is not a number";
        if (power.IsDischarging && !Bidirectional) return "the charger cannot discharge";
        if (power > MaxChargePower) return $"{power} is above the maximum charge power {MaxChargePower}";
        if (power < -MaxDischargePower) return $"{power} is beyond the maximum discharge power {MaxDischargePower}";
        return null;
    }
}
