using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The backup reserve as a floor of normal operation: the plan and load following discharge down to min SoC, so
/// raising min SoC to the reserve keeps the reserve for an outage everywhere at once. Below it the car charges at full
/// power as below min SoC, so the reserve is there when the grid goes.
/// </summary>
public static class BackupReserve
{
    /// <summary><paramref name="settings"/> with min SoC the larger of min SoC and <paramref name="reserve"/>.</summary>
    public static ChargeSettings Apply(ChargeSettings settings, Percent reserve) =>
        reserve > settings.MinSoc ? settings with { MinSoc = reserve } : settings;

    /// <summary>The energy the car can still deliver above <paramref name="floor"/>, after the discharge losses; 0 at or below it.</summary>
    public static Energy Above(Percent soc, Percent floor, ChargeSettings settings) =>
        soc > floor ? new Percent(soc.Value - floor.Value).Of(settings.Capacity) * settings.DischargeEfficiency : Energy.Zero;
}
