using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The SoC a car must keep for its calendar targets while it powers the house in Automatic: for each target not yet past, the
/// target less what the charger can put back before it, counting only <see cref="UsableShare"/> of the time (the plan
/// prefers cheap hours and the car may charge slower than the maximum). Discharging above the reserve can cost money
/// (the plan re-plans and charges later) but never a trip. Never below min SoC.
/// </summary>
public static class TargetReserve
{
    /// <summary>The share of the time to a target counted as charging time.</summary>
    public const double UsableShare = 0.5;

    public static Percent For(IReadOnlyList<SocTarget> targets, DateTimeOffset now, ChargeSettings settings, ChargerCapabilities capabilities)
    {
        var reserve = settings.MinSoc.Value;
        var power = capabilities.MaxChargePower < settings.MaxChargePower ? capabilities.MaxChargePower : settings.MaxChargePower;
        var capacity = settings.Capacity.KilowattHours;
        if (capacity <= 0) return settings.MinSoc;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            // A target due this very moment still needs its whole SoC: the car is about to leave.
            if (target.At < now) continue;
            var hours = (target.At - now).TotalHours * UsableShare;
            var refill = power.Kilowatts * hours * settings.ChargeEfficiency / capacity * 100;
            reserve = Math.Max(reserve, target.Soc.Value - refill);
        }
        return new Percent(reserve);
    }
}
