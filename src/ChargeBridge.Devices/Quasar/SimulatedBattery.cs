using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.Quasar;

/// <summary>A car battery behind a charger: AC power at the charger moves energy in or out with separate efficiencies.</summary>
internal sealed class SimulatedBattery(Energy capacity, Percent soc, double chargeEfficiency, double dischargeEfficiency)
{
    public Energy Capacity { get; } = capacity;
    public Percent Soc { get; private set; } = soc;

    public bool IsFull => Soc.Value >= 100;
    public bool IsEmpty => Soc.Value <= 0;

    /// <summary>Runs the battery at AC <paramref name="power"/> for <paramref name="duration"/>.</summary>
    public void Apply(Power power, TimeSpan duration)
    {
        var stored = StoredEnergyRate(power).Over(duration);
        Soc = new Percent(Math.Clamp(Soc.Value + stored.KilowattHours / Capacity.KilowattHours * 100, 0, 100));
    }

    /// <summary>How long until the battery is full (charging) or empty (discharging) at <paramref name="power"/>; null when idle.</summary>
    public TimeSpan? TimeToLimit(Power power)
    {
        var rate = StoredEnergyRate(power);
        if (rate.Watts == 0) return null;
        var room = rate.IsCharging ? Capacity * ((100 - Soc.Value) / 100) : Soc.Of(Capacity);
        // rounded up, so that running the battery this long reaches the limit exactly (Apply clamps)
        var ticks = Math.Ceiling(room.KilowattHours / Math.Abs(rate.Kilowatts) * TimeSpan.TicksPerHour);
        return TimeSpan.FromTicks((long)Math.Min(Math.Max(ticks, 1), TimeSpan.MaxValue.Ticks / 2));
    }

    /// <summary>
    /// How long until the battery is full or empty with the AC power starting at <paramref name="power"/> and moving
    /// linearly at <paramref name="slopeWattsPerSecond"/> (a ramp segment, which keeps its sign); null when that never
    /// happens (idle, or a ramp towards 0 that stops first).
    /// </summary>
    public TimeSpan? TimeToLimit(Power power, double slopeWattsPerSecond)
    {
        if (slopeWattsPerSecond == 0) return TimeToLimit(power);
        var charging = power.Watts > 0 || (power.Watts == 0 && slopeWattsPerSecond > 0);
        // In magnitudes: the power m0 grows at k W/s; the AC energy a (W·s) that fills or empties the battery flows once
        // m0·t + k·t²/2 = a, whose first root is t = 2a / (m0 + √(m0² + 2ka)) (no root: a ramp down stops first).
        var m0 = Math.Abs(power.Watts);
        var k = charging ? slopeWattsPerSecond : -slopeWattsPerSecond;
        var a = charging
            ? Capacity.WattHours * (100 - Soc.Value) / 100 / chargeEfficiency * 3600
            : Soc.Of(Capacity).WattHours * dischargeEfficiency * 3600;
        var discriminant = m0 * m0 + 2 * k * a;
        if (discriminant < 0 || m0 + Math.Sqrt(discriminant) <= 0) return null;
        var seconds = 2 * a / (m0 + Math.Sqrt(discriminant));
        var ticks = Math.Ceiling(seconds * TimeSpan.TicksPerSecond);
        return TimeSpan.FromTicks((long)Math.Min(Math.Max(ticks, 1), TimeSpan.MaxValue.Ticks / 2));
    }

    public void Reset(Percent soc) => Soc = soc;

    private Power StoredEnergyRate(Power ac) => ac.IsCharging ? ac * chargeEfficiency : ac * (1 / dischargeEfficiency);
}
