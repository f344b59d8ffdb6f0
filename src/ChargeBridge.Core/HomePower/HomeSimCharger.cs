using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// A charger and car as a controller sees them: a set point is rounded to what the charger can hold, takes effect
/// after <see cref="ReactionDelay"/>, and the power then ramps towards it at <see cref="RampWattsPerSecond"/>. The car's
/// battery stops the charger when full or empty. Positive power charges the car (AC side), negative discharges it.
/// </summary>
public sealed class HomeSimCharger
{
    private readonly Queue<(DateTimeOffset Due, Power Target)> _pending = new();
    private Energy _stored;

    public HomeSimCharger(ChargerCapabilities capabilities, Energy capacity, Percent soc)
    {
        if (capacity <= Energy.Zero) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the battery needs a capacity");
        if (soc.Value is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(soc), soc, "the SoC must be 0–100 %");
        Capabilities = capabilities;
        Capacity = capacity;
        _stored = soc.Of(capacity);
    }

    public ChargerCapabilities Capabilities { get; }
    public Energy Capacity { get; }

    /// <summary>
    /// From a command to the power starting to move. 3 s by default: the Wallbox Quasar takes a few seconds (2–5 s) over
    /// Modbus before its power changes; other chargers (OCPP over the cloud) can take far longer.
    /// </summary>
    public TimeSpan ReactionDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How fast the power follows a new target once it has taken effect; 1000 W/s ≈ 4 A/s on one phase.</summary>
    public double RampWattsPerSecond { get; init; } = 1000;

    /// <summary>One-way AC↔battery efficiency: charging stores AC × η, discharging takes AC / η from the battery.</summary>
    public double Efficiency { get; init; } = 0.9;

    /// <summary>The power flowing now.</summary>
    public Power Actual { get; private set; }

    /// <summary>The rounded set point that has taken effect (what the power ramps towards).</summary>
    public Power Target { get; private set; }

    public Percent Soc => Percent.Of(_stored, Capacity);

    /// <summary>The last set point sent (as sent, before rounding) and when; null before the first command.</summary>
    public Power? LastSetPoint { get; private set; }
    public DateTimeOffset? LastCommandAt { get; private set; }

    /// <summary>Every command sent, whether or not it changed anything: each is a write to the charger.</summary>
    public int Commands { get; private set; }

    /// <summary>Targets that went from 0 to running, and from running to 0 (contactor and car wake-ups).</summary>
    public int Starts { get; private set; }
    public int Stops { get; private set; }

    /// <summary>
    /// The power this charger would hold for <paramref name="setPoint"/>: clamped to its limits, whole amperes per phase
    /// when it is set in amperes, and 0 when below its minimum (an IEC 61851 charger pauses below 6 A).
    /// </summary>
    public Power Round(Power setPoint)
    {
        var clamped = setPoint.Clamp(-Capabilities.MaxDischargePower, Capabilities.MaxChargePower);
        if (Capabilities.SetPointUnit == SetPointUnit.Amperes)
            clamped = ChargerCapabilities.PowerAt(Math.Round(Capabilities.AmperesFor(clamped)), Capabilities.Phases) * Math.Sign(clamped.Watts);
        return clamped.Abs() < Capabilities.MinPower - Power.FromWatts(1e-6) ? Power.Zero : clamped;
    }

    public void Command(DateTimeOffset now, Power setPoint)
    {
        Commands++;
        LastSetPoint = setPoint;
        LastCommandAt = now;
        _pending.Enqueue((now + ReactionDelay, Round(setPoint)));
    }

    /// <summary>Lets every command due by <paramref name="now"/> take effect.</summary>
    public void ApplyDue(DateTimeOffset now)
    {
        while (_pending.TryPeek(out var next) && next.Due <= now)
        {
            _pending.Dequeue();
            if (Target == Power.Zero && next.Target != Power.Zero) Starts++;
            if (Target != Power.Zero && next.Target == Power.Zero) Stops++;
            Target = next.Target;
        }
    }

    /// <summary>
    /// Runs the charger for <paramref name="duration"/> from <paramref name="now"/>: applies due commands, ramps, and
    /// moves energy into or out of the battery. Returns the AC energy (positive = drawn from the house for charging).
    /// </summary>
    public Energy Advance(DateTimeOffset now, TimeSpan duration)
    {
        ApplyDue(now);
        var seconds = duration.TotalSeconds;
        var start = Actual.Watts;
        var target = Target.Watts;
        var rampSeconds = Math.Abs(target - start) / RampWattsPerSecond;
        double acWattSeconds, end;
        if (rampSeconds >= seconds)
        {
            end = start + Math.Sign(target - start) * RampWattsPerSecond * seconds;
            acWattSeconds = (start + end) / 2 * seconds;
        }
        else
        {
            end = target;
            acWattSeconds = (start + target) / 2 * rampSeconds + target * (seconds - rampSeconds);
        }

        var ac = Energy.FromWattHours(acWattSeconds / 3600);
        var battery = ac.KilowattHours >= 0 ? ac * Efficiency : ac * (1 / Efficiency);
        var room = Capacity - _stored;
        if (battery > room || -battery > _stored)
        {
            // Full or empty part-way: only what fits flows, then the car stops the power.
            var fits = battery > room ? room : -_stored;
            ac = ac * (fits.KilowattHours / battery.KilowattHours);
            battery = fits;
            end = 0;
        }
        _stored += battery;
        Actual = Power.FromWatts(end);
        return ac;
    }
}
