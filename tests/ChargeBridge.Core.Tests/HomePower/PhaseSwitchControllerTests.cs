using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.HomePower.PvSurplusHouse;

namespace ChargeBridge.Core.Tests.HomePower;

public class PhaseSwitchControllerTests
{
    private static readonly TimeSpan ThirtySeconds = TimeSpan.FromSeconds(30);
    private static readonly ChargerCapabilities Three = ChargerCapabilities.ForCurrent(false, 3, 6, 16, canSwitchPhases: true);
    private static readonly ChargerCapabilities One = ChargerCapabilities.ForCurrent(false, 1, 6, 16, canSwitchPhases: true);

    private static PhaseSwitchDecision Step(PhaseSwitchController controller, DateTimeOffset now, double surplusWatts, ChargerCapabilities capabilities, double carWatts) =>
        controller.Step(new PhaseSwitchInput(now, Power.FromWatts(surplusWatts), Power.FromWatts(carWatts), capabilities));

    private static List<PhaseSwitchDecision> Run(PhaseSwitchController controller, DateTimeOffset from, TimeSpan span, double surplusWatts, ChargerCapabilities capabilities, double carWatts)
    {
        var decisions = new List<PhaseSwitchDecision>();
        for (var t = TimeSpan.Zero; t < span; t += ThirtySeconds) decisions.Add(Step(controller, from + t, surplusWatts, capabilities, carWatts));
        return decisions;
    }

    [Fact]
    public void Switches_down_after_the_disable_delay_and_stops_first_while_power_flows()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());

        var waiting = Run(controller, T0, TimeSpan.FromMinutes(3), 3000, Three, 4140);
        var due = Step(controller, T0 + TimeSpan.FromMinutes(3), 3000, Three, 4140);
        var stopped = Step(controller, T0 + TimeSpan.FromMinutes(3) + ThirtySeconds, 3000, Three, 0);

        Assert.All(waiting, d => Assert.Equal((3, false, PhaseSwitchReason.WaitingToSwitchDown), (d.Phases, d.StopFirst, d.Reason)));
        Assert.Equal(ThirtySeconds, waiting[^1].Remaining);
        Assert.Equal((1, true, PhaseSwitchReason.SwitchDown), (due.Phases, due.StopFirst, due.Reason));
        Assert.Equal((1, false, PhaseSwitchReason.SwitchDown), (stopped.Phases, stopped.StopFirst, stopped.Reason));
    }

    [Fact]
    public void Switches_up_after_the_enable_delay_when_one_phase_is_not_enough()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());

        var waiting = Run(controller, T0, TimeSpan.FromMinutes(1), 6000, One, 3680);
        var due = Step(controller, T0 + TimeSpan.FromMinutes(1), 6000, One, 3680);

        Assert.All(waiting, d => Assert.Equal((1, PhaseSwitchReason.WaitingToSwitchUp), (d.Phases, d.Reason)));
        Assert.Equal((3, true, PhaseSwitchReason.SwitchUp), (due.Phases, due.StopFirst, due.Reason));
    }

    [Fact]
    public void A_surplus_that_recovers_before_the_delay_keeps_the_phases()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());

        Run(controller, T0, TimeSpan.FromMinutes(2), 3000, Three, 4140);
        var recovered = Step(controller, T0 + TimeSpan.FromMinutes(2), 5000, Three, 4140);
        var again = Run(controller, T0 + TimeSpan.FromMinutes(2) + ThirtySeconds, TimeSpan.FromMinutes(3), 3000, Three, 4140);

        Assert.Equal((3, PhaseSwitchReason.Stay), (recovered.Phases, recovered.Reason));
        Assert.All(again, d => Assert.Equal(3, d.Phases));
    }

    [Fact]
    public void Too_little_for_one_phase_or_a_one_phase_maximum_below_three_phases_minimum_keeps_the_phases()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());
        var down = Run(controller, T0, TimeSpan.FromMinutes(5), 1000, Three, 0);
        // 16 A on one phase is 3680 W; 3900 W is more but cannot hold three phases at 6 A (4140 W).
        var up = Run(new PhaseSwitchController(new PvSurplusSettings()), T0, TimeSpan.FromMinutes(5), 3900, One, 3680);

        Assert.All(down, d => Assert.Equal((3, PhaseSwitchReason.Stay), (d.Phases, d.Reason)));
        Assert.All(up, d => Assert.Equal((1, PhaseSwitchReason.Stay), (d.Phases, d.Reason)));
    }

    [Fact]
    public void Ignores_measurements_for_sixty_seconds_after_a_switch()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());
        Run(controller, T0, TimeSpan.FromMinutes(3) + ThirtySeconds, 3000, Three, 0);
        var switchedAt = T0 + TimeSpan.FromMinutes(4);

        // The charger now runs on one phase; the surplus jumps at once, but the settle time hides it.
        var settling = Run(controller, switchedAt, TimeSpan.FromSeconds(60), 9000, One, 0);
        var counting = Run(controller, switchedAt + TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), 9000, One, 3680);
        var up = Step(controller, switchedAt + TimeSpan.FromSeconds(120), 9000, One, 3680);

        Assert.All(settling, d => Assert.Equal((1, PhaseSwitchReason.Settling), (d.Phases, d.Reason)));
        Assert.Equal(TimeSpan.FromSeconds(60), settling[0].Remaining);
        Assert.All(counting, d => Assert.Equal(PhaseSwitchReason.WaitingToSwitchUp, d.Reason));
        Assert.Equal((3, PhaseSwitchReason.SwitchUp), (up.Phases, up.Reason));
    }

    [Fact]
    public void A_decided_switch_holds_while_the_car_stops_even_if_the_surplus_changes()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());
        Run(controller, T0, TimeSpan.FromMinutes(3) + ThirtySeconds, 3000, Three, 4140);

        var stopping = Step(controller, T0 + TimeSpan.FromMinutes(4), 0, Three, 2000);

        Assert.Equal((1, true, PhaseSwitchReason.SwitchDown), (stopping.Phases, stopping.StopFirst, stopping.Reason));
    }

    [Fact]
    public void A_charger_that_cannot_switch_keeps_its_phases()
    {
        var fixedThree = ChargerCapabilities.ForCurrent(false, 3, 6, 16);

        var decisions = Run(new PhaseSwitchController(new PvSurplusSettings()), T0, TimeSpan.FromMinutes(10), 3000, fixedThree, 0);

        Assert.All(decisions, d => Assert.Equal((3, false, PhaseSwitchReason.NotSwitchable), (d.Phases, d.StopFirst, d.Reason)));
    }

    [Fact]
    public void An_unknown_surplus_stops_the_timers()
    {
        var controller = new PhaseSwitchController(new PvSurplusSettings());
        Run(controller, T0, TimeSpan.FromMinutes(2), 3000, Three, 4140);

        var unknown = controller.Step(new PhaseSwitchInput(T0 + TimeSpan.FromMinutes(2), null, Power.FromWatts(4140), Three));
        var restarted = Step(controller, T0 + TimeSpan.FromMinutes(3), 3000, Three, 4140);

        Assert.Equal(PhaseSwitchReason.Stay, unknown.Reason);
        Assert.Equal(TimeSpan.FromMinutes(3), restarted.Remaining);
    }

    [Fact]
    public void With_the_surplus_controller_the_car_charges_on_one_phase_after_the_switch()
    {
        var settings = new PvSurplusSettings();
        var house = new PvSurplusHouse(Three, settings);
        var phases = new PhaseSwitchController(settings);
        var now = T0;
        house.Run(now, TimeSpan.FromMinutes(2), ThirtySeconds, _ => 6000);
        now += TimeSpan.FromMinutes(2);
        Assert.True(house.Car >= Three.MinPower);

        // The surplus falls to 3 kW: three phases hold their minimum until the phase switch asks for one.
        PhaseSwitchDecision decision;
        do
        {
            var surplus = house.Step(now, 3000);
            decision = phases.Step(new PhaseSwitchInput(now, surplus.Surplus, house.Car, Three));
            now += ThirtySeconds;
        }
        while (decision.Reason != PhaseSwitchReason.SwitchDown);

        Assert.True(decision.StopFirst);
        Assert.Equal(TimeSpan.FromMinutes(5), now - ThirtySeconds - T0);
        Assert.Equal(PvSurplusReason.HoldingForPhaseSwitch, house.Step(now, 3000).Reason);

        // First stop, then switch, then restart on one phase without a new enable delay.
        house.Stop();
        var idle = phases.Step(new PhaseSwitchInput(now, Power.FromWatts(3000), house.Car, Three));
        house.Capabilities = One;
        var settling = phases.Step(new PhaseSwitchInput(now + ThirtySeconds, Power.FromWatts(3000), house.Car, One));
        var restarted = house.Step(now + ThirtySeconds, 3000);

        Assert.Equal((1, false), (idle.Phases, idle.StopFirst));
        Assert.Equal(PhaseSwitchReason.Settling, settling.Reason);
        // The damping window still holds the 6 kW minutes, so the target is below the 3 kW now but above one phase's minimum.
        Assert.Equal(PvSurplusReason.ChargingFromSurplus, restarted.Reason);
        Assert.InRange(restarted.SetPoint.Watts, One.MinPower.Watts, 3000);
    }
}
