using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>
/// A power turned into what an integrated charger takes: whole amperes per phase (rounded down, so the charger never
/// draws more than asked, then held within the charger's range) on one or three phases. With phase switching, three
/// phases are used from the three-phase minimum up and one phase below it, so small powers still charge.
/// </summary>
public readonly record struct CurrentSetPoint(int Phases, int Amperes, double Voltage)
{
    /// <summary>The power this set point gives at the nominal voltage.</summary>
    public Power Power => Power.FromWatts(Amperes * Phases * Voltage);

    public static CurrentSetPoint For(Power power, HaEntitiesOptions options)
    {
        var threePhaseMinimum = Power.FromWatts(options.MinCurrentA * options.Phases * options.VoltageV);
        var phases = options.PhaseSelect is not null && power < threePhaseMinimum ? 1 : options.Phases;
        // A hair above the exact quotient, so 11040 W on 3 × 230 V is 16 A and not 15 by a rounding error.
        var amperes = Math.Floor(Math.Abs(power.Watts) / (phases * options.VoltageV) + 1e-9);
        return new CurrentSetPoint(phases, (int)Math.Clamp(amperes, options.MinCurrentA, options.MaxCurrentA), options.VoltageV);
    }
}
