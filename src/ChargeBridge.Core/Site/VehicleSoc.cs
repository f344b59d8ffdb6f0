using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Site;

/// <summary>
/// Where a loadpoint learns its car's SoC: the car integration's entity when one is configured, else the charger
/// (a Quasar reads it; many chargers cannot, and then it is unknown). The entity wins while it holds a number from 0 to
/// 100; unknown, unavailable, not a number or out of range (a car asleep, an integration that lost its cloud) falls
/// back to the charger's, so a stale or broken car entity never stops control.
/// </summary>
public sealed record VehicleSoc(string? Entity)
{
    /// <summary>The charger's SoC only.</summary>
    public static readonly VehicleSoc FromCharger = new((string?)null);

    /// <param name="entityValue">The entity's state as a number, or null when it is not one (or there is no entity).</param>
    public Percent? Choose(double? entityValue, Percent? charger) =>
        Entity is not null && entityValue is { } value && value is >= 0 and <= 100 ? new Percent(value) : charger;
}
