using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Which SoC the loop plans and controls with. The car integration's entity (option <c>SocEntity</c>) wins when its state
/// is a number from 0 to 100; when it is unknown, unavailable, not a number or out of range (a car asleep, an integration
/// that lost its cloud) the charger's SoC is used, so a stale or broken car entity never stops control.
/// </summary>
internal static class CarSoc
{
    public static Percent? Choose(EntityState? carEntity, Percent? charger) =>
        carEntity?.NumericState is { } value && value is >= 0 and <= 100 ? new Percent(value) : charger;
}
