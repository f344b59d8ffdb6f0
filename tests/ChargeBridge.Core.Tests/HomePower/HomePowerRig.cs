using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>
/// One loadpoint's <see cref="HomePowerControl"/> on a fake clock, with a house around it: the house's PV excess
/// (production − load, + exporting) is given per step, the car draws at once what was last asked (or, when home power
/// does not lead, what the plan asks) and the grid meter reads what is left, taken now.
/// </summary>
internal sealed class HomePowerRig
{
    public static readonly ChargerCapabilities OnePhase = ChargerCapabilities.ForCurrent(true, 1, 6, 32);
    public static readonly ChargerCapabilities ThreePhaseSwitchable = ChargerCapabilities.ForCurrent(false, 3, 6, 16, canSwitchPhases: true);

    public HomePowerRig(ChargeMode mode, ChargerCapabilities? capabilities = null)
    {
        Input = new HomePowerInput(Clock.GetUtcNow(), mode, MeterReading.None, Power.Zero, Power.Zero, true, new Percent(60),
            new ChargeSettings(), capabilities ?? OnePhase, new Percent(100), null, false, false, new Percent(20), null, null);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));

    public HomePowerControl Control { get; } = new(new HomePowerSettings());

    /// <summary>What the next step sees besides the time, the grid and the car's power, which <see cref="Step"/> fills in.</summary>
    public HomePowerInput Input { get; set; }

    /// <summary>Whether the car draws its set point; false models a car that holds itself at 0 W (ramping, or its own limit).</summary>
    public bool CarDraws { get; set; } = true;

    /// <summary>One step now with <paramref name="pvExcessWatts"/>; the car then takes the answer (or the plan's set point).</summary>
    public HomePowerStep Step(double pvExcessWatts)
    {
        var now = Clock.GetUtcNow();
        var car = CarDraws ? Input.InForce : Power.Zero;
        var step = Control.Step(Input with
        {
            Now = now,
            ChargerPower = car,
            Grid = MeterReading.Read(now, car + (Input.BatteryPower ?? Power.Zero) - Power.FromWatts(pvExcessWatts)),
        });
        Input = Input with { InForce = step.SetPoint ?? Input.Planned ?? Power.Zero };
        return step;
    }

    /// <summary>Steps every <paramref name="every"/> for <paramref name="span"/>, the clock moving on after each.</summary>
    public List<HomePowerStep> Run(TimeSpan span, TimeSpan every, double pvExcessWatts)
    {
        var steps = new List<HomePowerStep>();
        for (var t = TimeSpan.Zero; t < span; t += every)
        {
            steps.Add(Step(pvExcessWatts));
            Clock.Advance(every);
        }
        return steps;
    }

    /// <summary>A step on a grid reading given as it is (stale, failed, never read).</summary>
    public HomePowerStep StepOn(MeterReading grid)
    {
        var step = Control.Step(Input with { Now = Clock.GetUtcNow(), Grid = grid });
        Input = Input with { InForce = step.SetPoint ?? Input.Planned ?? Power.Zero };
        return step;
    }
}
