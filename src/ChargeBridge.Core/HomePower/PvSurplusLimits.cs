using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>A charger's minimum and maximum charge power on a number of phases, and how set points are rounded.</summary>
public readonly record struct PvSurplusLimits(Power Min, Power Max, int Phases, SetPointUnit Unit)
{
    /// <summary>
    /// The limits of <paramref name="capabilities"/> on <paramref name="phases"/> phases. Its powers are for the phases
    /// in use now; the per-phase currents are the same on the other count, so the powers scale with the phases.
    /// </summary>
    public static PvSurplusLimits For(ChargerCapabilities capabilities, int phases)
    {
        var scale = (double)phases / capabilities.Phases;
        return new(capabilities.MinPower * scale, capabilities.MaxChargePower * scale, phases, capabilities.SetPointUnit);
    }

    /// <summary>
    /// The most the charger can take out of <paramref name="available"/>: whole amperes on its phases (whole watts for
    /// a charger set in watts), at most <see cref="Max"/>; zero when that is below <see cref="Min"/>.
    /// </summary>
    public Power RoundDown(Power available)
    {
        if (!(available >= Min) || Max < Min) return Power.Zero;
        var capped = available < Max ? available : Max;
        var step = Unit == SetPointUnit.Amperes ? Phases * ChargerCapabilities.PhaseVoltage : 1;
        var rounded = Power.FromWatts(Math.Floor(capped.Watts / step) * step);
        // A minimum that is not a whole step (e.g. 6.5 A) still holds once the surplus reaches it.
        return rounded < Min ? Min : rounded;
    }
}
