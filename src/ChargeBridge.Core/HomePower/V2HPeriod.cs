using ChargeBridge.Core.Control;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// When the car stops powering the house, as load following spends its spare energy towards it
/// (<see cref="LoadFollowingInput.DischargeUntil"/>): the next calendar target's time, when the car leaves; in Automatic
/// earlier when the plan takes over first (the start of its next slot that charges or discharges, e.g. charging for that
/// target). Null when neither is known (no target, no such slot): the car then keeps the thresholds alone.
/// </summary>
public static class V2HPeriod
{
    public static DateTimeOffset? End(ChargeMode mode, Schedule? schedule, IReadOnlyList<SocTarget> targets, DateTimeOffset now)
    {
        DateTimeOffset? end = null;
        for (var i = 0; i < targets.Count; i++)
            if (targets[i].At > now && (end is null || targets[i].At < end)) end = targets[i].At;
        if (mode != ChargeMode.Automatic || schedule is null) return end;
        foreach (var slot in schedule.Slots)
        {
            // The slot under way is the one V2H runs in (an idle one), so only later slots end it.
            if (slot.Start <= now || slot.SetPoint == Power.Zero) continue;
            return end is { } e && e < slot.Start ? e : slot.Start;
        }
        return end;
    }
}
