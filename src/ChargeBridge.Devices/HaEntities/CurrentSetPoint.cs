using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>
/// A power turned into what an integrated charger takes: whole amperes per phase on the phases it charges on now
/// (rounded down, so the charger never draws more than asked, then held within the charger's range). Switching
/// phases is not a set point's business: the phase-switch controller asks for it, while no power flows.
/// </summary>
public readonly record struct CurrentSetPoint(int Phases, int Amperes, double Voltage)
{
    /// <summary>The power this set point gives at the nominal voltage.</summary>
    public Power Power => Power.FromWatts(Amperes * Phases * Voltage);

    /// <summary>The set point for <paramref name="power"/> on the <paramref name="phases"/> in use now.</summary>
    public static CurrentSetPoint For(Power power, int phases, HaEntitiesOptions options)
    {
        if (phases is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(phases), phases, "a charger charges on one or three phases");
        // A hair above the exact quotient, so 11040 W on 3 × 230 V is 16 A and not 15 by a rounding error.
        var amperes = Math.Floor(Math.Abs(power.Watts) / (phases * options.VoltageV) + 1e-9);
        return new CurrentSetPoint(phases, (int)Math.Clamp(amperes, options.MinCurrentA, options.MaxCurrentA), options.VoltageV);
    }

    /// <summary>The set point for <paramref name="power"/> on the phases the charger is wired for.</summary>
    public static CurrentSetPoint For(Power power, HaEntitiesOptions options) => For(power, options.Phases, options);
}
