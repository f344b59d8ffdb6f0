using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>
/// Load following against a charger that reacts after 2 s and ramps 1 kW/s, stepped once per simulated second: the
/// grid settles within the documented settling time, and the direction and the charger minimum hold over time.
/// </summary>
public class LoadFollowingSimulationTests
{
    private static readonly LoadFollowingSettings Defaults = new();
    private static readonly Power DeadBand = Defaults.DeadBand;

    /// <summary>The grid flow load following aims at (a small export): set points cover the house plus this export.</summary>
    private static readonly double Target = Defaults.GridTarget.Watts;

    private static bool NearTarget(Power grid) => (grid - Defaults.GridTarget).Abs() < DeadBand;

    /// <summary>How long after a change in the house the grid may still be off: one meter period plus the longest settling.</summary>
    private static readonly TimeSpan Transient = TimeSpan.FromSeconds(1) + Defaults.SettlingFor(Defaults.MaxStep);

    private static double Seconds(TimeSpan t) => t.TotalSeconds;

    [Fact]
    public void A_2_kW_kettle_in_V2H_is_covered_within_the_settling_time_of_its_step()
    {
        var kettleOn = TimeSpan.FromSeconds(60);
        var kettleOff = TimeSpan.FromSeconds(120);
        var steps = new LoadFollowingSimulation(t => t >= kettleOn && t < kettleOff ? 3800 : 1800, LoadFollowingDirection.V2H)
            .Run(TimeSpan.FromSeconds(180));

        var before = steps.Single(s => s.Time == kettleOn - TimeSpan.FromSeconds(1));
        Assert.Equal(-1800 + Target, before.SetPoint.Watts);

        var settled = kettleOn + TimeSpan.FromSeconds(1) + Defaults.SettlingFor(Power.FromKilowatts(2));
        Assert.All(steps.Where(s => s.Time >= settled && s.Time < kettleOff), s => Assert.True(NearTarget(s.Grid), $"{s.Grid} at {s.Time}"));
        Assert.Equal(1, steps.Count(s => s.Changed && s.Time >= kettleOn && s.Time < kettleOff));
        Assert.Equal(-3800 + Target, steps.Single(s => s.Time == kettleOff - TimeSpan.FromSeconds(1)).SetPoint.Watts);

        var afterOff = kettleOff + TimeSpan.FromSeconds(1) + Defaults.SettlingFor(Power.FromKilowatts(2));
        Assert.All(steps.Where(s => s.Time >= afterOff), s => Assert.True(NearTarget(s.Grid), $"{s.Grid} at {s.Time}"));
        Assert.All(steps, s => Assert.True(s.SetPoint <= Power.Zero));
    }

    [Fact]
    public void S2V_charges_from_export_and_never_imports_to_charge_once_settled()
    {
        // 500 W house; PV 3 kW from 10 s, a cloud (1.5 kW) from 90 s, 3.5 kW again from 150 s.
        double[] changes = [10, 90, 150];
        double Pv(TimeSpan t) => Seconds(t) switch { < 10 => 0, < 90 => 3000, < 150 => 1500, _ => 3500 };
        var steps = new LoadFollowingSimulation(t => 500 - Pv(t), LoadFollowingDirection.S2V).Run(TimeSpan.FromSeconds(240));

        bool Transitional(TimeSpan t) => changes.Any(c => t >= TimeSpan.FromSeconds(c) && t < TimeSpan.FromSeconds(c) + Transient);
        Assert.All(steps, s => Assert.True(s.SetPoint >= Power.Zero));
        Assert.All(steps.Where(s => s.Delivered.IsCharging && !Transitional(s.Time)),
            s => Assert.True(s.Grid < DeadBand, $"imports {s.Grid} while charging {s.Delivered} at {s.Time}"));

        Assert.Equal(2500 + Target, steps.Single(s => s.Time == TimeSpan.FromSeconds(89)).SetPoint.Watts);
        // Under the cloud 1 kW of export is below what the charger can hold (1380 W): the car stops rather than import.
        Assert.Equal(0, steps.Single(s => s.Time == TimeSpan.FromSeconds(149)).SetPoint.Watts);
        Assert.Equal(3000 + Target, steps[^1].SetPoint.Watts);
    }

    [Fact]
    public void Both_switches_from_discharging_to_charging_when_the_sun_comes_out()
    {
        var sunrise = TimeSpan.FromSeconds(60);
        var steps = new LoadFollowingSimulation(t => t < sunrise ? 1800 : 1800 - 5000, LoadFollowingDirection.Both)
            .Run(TimeSpan.FromSeconds(120));

        Assert.Equal(-1800 + Target, steps.Single(s => s.Time == sunrise - TimeSpan.FromSeconds(1)).SetPoint.Watts);
        // The 5 kW swing is larger than one step; the car stops before it turns, never holding a power below its minimum.
        Assert.Contains(steps, s => s.Time >= sunrise && s.Changed && s.SetPoint == Power.Zero);
        Assert.All(steps, s => Assert.True(s.SetPoint == Power.Zero || s.SetPoint.Abs() >= LoadFollowingSimulation.Quasar.MinPower));
        Assert.All(steps.Where(s => s.Time >= sunrise + 2 * Transient), s =>
        {
            Assert.InRange(s.SetPoint.Watts, 3200 - DeadBand.Watts, 3200 + DeadBand.Watts);
            Assert.True(NearTarget(s.Grid));
        });
    }

    [Fact]
    public void A_load_wobbling_within_the_dead_band_sends_no_command()
    {
        var steps = new LoadFollowingSimulation(t => 1800 + 40 * Math.Sin(Seconds(t)), LoadFollowingDirection.V2H)
            .Run(TimeSpan.FromSeconds(300));

        Assert.Equal(1, steps.Count(s => s.Changed));
        Assert.All(steps.Where(s => s.Time > Transient), s => Assert.Equal(LoadFollowingReason.DeadBand, s.Reason));
    }

    [Fact]
    public void A_load_hovering_around_the_charger_minimum_does_not_switch_the_car_on_and_off()
    {
        // 800 W and 1600 W alternate every 20 s around the 1380 W minimum: the car holds the minimum through the dips.
        double Hovering(TimeSpan t) => (int)(Seconds(t) / 20) % 2 == 0 ? 1600 : 800;
        var hysteresis = new LoadFollowingSimulation(Hovering, LoadFollowingDirection.V2H).Run(TimeSpan.FromSeconds(600));
        var none = new LoadFollowingSimulation(Hovering, LoadFollowingDirection.V2H)
        {
            Settings = Defaults with { DischargeStartAt = new(100), DischargeKeepDownTo = new(100) },
        }.Run(TimeSpan.FromSeconds(600));

        Assert.All(hysteresis.Where(s => s.Time >= TimeSpan.FromSeconds(30)), s => Assert.True(s.SetPoint.IsDischarging, $"{s.SetPoint} at {s.Time}"));
        Assert.True(hysteresis.Count(s => s.Changed) <= 2 * 600 / 20, "at most one change per level");
        Assert.True(none.Count(s => s.SetPoint == Core.Units.Power.Zero && s.Time >= TimeSpan.FromSeconds(30)) > 100,
            "without the hold the car stops in every dip");
    }

    [Fact]
    public void A_running_car_keeps_following_a_load_just_above_the_minimum()
    {
        double Load(TimeSpan t) => Seconds(t) < 30 ? 2000 : (int)(Seconds(t) / 20) % 2 == 0 ? 1400 : 1600;
        var steps = new LoadFollowingSimulation(Load, LoadFollowingDirection.V2H).Run(TimeSpan.FromSeconds(600));

        Assert.All(steps, s => Assert.True(s.SetPoint.IsDischarging, $"{s.SetPoint} at {s.Time}"));
    }

    [Fact]
    public void Discharging_ends_at_the_min_soc_margin()
    {
        var steps = new LoadFollowingSimulation(_ => 2500, LoadFollowingDirection.V2H) { Soc = new(22) }.Run(TimeSpan.FromSeconds(60));

        Assert.All(steps, s =>
        {
            Assert.Equal(0, s.SetPoint.Watts);
            Assert.Equal(LoadFollowingReason.MinSocReached, s.Reason);
        });
    }
}
