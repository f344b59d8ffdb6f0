using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// The one place every set point passes before it reaches a charger. It only ever lowers a request's magnitude or
/// rounds it to what a charger can hold, so whatever the planner, a mode or a user asks, the result stays within
/// the charger's and the user's power limits, never discharges at or below min SoC + 1 %-point or with the SoC
/// unknown, never charges at or above the practical maximum, and is 0 W without a car or with a faulted charger.
/// </summary>
public static class SafetyEnvelope
{
    /// <summary>Discharging stops this far above min SoC, so measurement lag never takes the car below the floor.</summary>
    public static readonly Percent FloorMargin = new(1);

    /// <summary>The SoC at or below which no discharge is allowed: min SoC plus the margin.</summary>
    public static Percent DischargeFloor(SafetySnapshot s) => new(s.Settings.MinSoc.Value + FloorMargin.Value);

    /// <summary>The charge limit: the lower of the charger's and the user's.</summary>
    public static Power MaxCharge(SafetySnapshot s) => Min(s.Capabilities.MaxChargePower, s.Settings.MaxChargePower);

    /// <summary>The discharge limit as a magnitude; zero when the charger cannot discharge.</summary>
    public static Power MaxDischarge(SafetySnapshot s) =>
        s.Capabilities.Bidirectional ? Min(s.Capabilities.MaxDischargePower, s.Settings.MaxDischargePower) : Power.Zero;

    public static SafeSetPoint Apply(Power requested, SafetySnapshot s)
    {
        SafeSetPoint Zero(string reason) => new(requested, Power.Zero, reason);

        if (!double.IsFinite(requested.Watts)) return Zero("the requested set point is not a finite number");
        if (s.Faulted) return Zero("the charger is faulted");
        if (!s.CarConnected) return Zero("no car is connected");
        if (requested == Power.Zero) return Zero("stop requested");
        return requested.IsCharging ? Charge(requested, s) : Discharge(requested, s);
    }

    private static SafeSetPoint Charge(Power requested, SafetySnapshot s)
    {
        // An unknown SoC does not block charging: the car's own battery management ends a charge at full.
        if (s.Soc is { } soc && soc >= s.PracticalMaxSoc)
            return new(requested, Power.Zero, $"SoC {soc} is at or above the practical maximum {s.PracticalMaxSoc}");
        return Limit(requested, MaxCharge(s), s.Capabilities.MinPower, "charge");
    }

    private static SafeSetPoint Discharge(Power requested, SafetySnapshot s)
    {
        if (MaxDischarge(s) == Power.Zero)
            return new(requested, Power.Zero, "discharging is not possible with this charger or settings");
        if (s.Soc is not { } soc)
            return new(requested, Power.Zero, "SoC unknown: no discharging");
        if (soc <= DischargeFloor(s))
            return new(requested, Power.Zero, $"SoC {soc} is at or below the discharge floor {DischargeFloor(s)}");
        var limited = Limit(-requested, MaxDischarge(s), s.Capabilities.MinPower, "discharge");
        return limited with { Requested = requested, Allowed = -limited.Allowed };
    }

    /// <summary>
    /// Clamps a positive magnitude to <paramref name="max"/>, then to 0 or the charger's own <paramref name="minimum"/>
    /// (6 A on its phases), whichever is nearer. Rounding a discharge up is safe here because the caller has already
    /// checked the SoC is above the floor; the floor check runs again on every tick.
    /// </summary>
    private static SafeSetPoint Limit(Power magnitude, Power max, Power minimum, string direction)
    {
        if (max < minimum)
            return new(magnitude, Power.Zero, $"the {direction} limit {max} is below the charger minimum {minimum}");
        if (magnitude > max)
            return new(magnitude, max, $"clamped to the {direction} limit {max}");
        if (magnitude >= minimum)
            return new(magnitude, magnitude, "within limits");
        return magnitude.Watts * 2 >= minimum.Watts
            ? new(magnitude, minimum, $"rounded up to the charger minimum {minimum}")
            : new(magnitude, Power.Zero, $"below half the charger minimum {minimum}: rounded to 0 W");
    }

    private static Power Min(Power a, Power b) => a < b ? a : b;
}
