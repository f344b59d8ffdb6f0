using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Chargers;

/// <summary>How a charger's set point is expressed.</summary>
public enum SetPointUnit
{
    Watts,
    Amperes,
}

/// <summary>What a charger can do. Limits are magnitudes: <see cref="MaxDischargePower"/> is positive.</summary>
public sealed record ChargerCapabilities(bool Bidirectional, SetPointUnit SetPointUnit, Power MaxChargePower, Power MaxDischargePower)
{
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
