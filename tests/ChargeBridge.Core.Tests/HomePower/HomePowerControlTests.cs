using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.HomePower.HomePowerRig;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomePowerControlTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);
    private static readonly Power OnePhaseMinimum = Power.FromWatts(6 * 230);

    private static Power W(double watts) => Power.FromWatts(watts);

    /// <summary>A rig in <paramref name="mode"/> whose PV surplus charging has started on a steady 3 kW surplus.</summary>
    private static HomePowerRig ChargingFromSurplus(ChargeMode mode = ChargeMode.SolarOnly, ChargerCapabilities? capabilities = null, double surplus = 3000)
    {
        var rig = new HomePowerRig(mode, capabilities);
        rig.Run(TimeSpan.FromMinutes(1), TenSeconds, surplus);
        var started = rig.Step(surplus);
        Assert.Equal(HomePowerState.ChargingFromSurplus, started.State);
        rig.Clock.Advance(TenSeconds);
        return rig;
    }

    // --- which controller leads ---

    [Theory]
    [InlineData(ChargeMode.MaxBoostNow)]
    [InlineData(ChargeMode.MaxDischargeNow)]
    [InlineData(ChargeMode.Pause)]
    [InlineData(ChargeMode.Automatic)]
    public void Modes_that_use_no_meter_leave_the_set_point_to_the_plan_or_the_mode(ChargeMode mode)
    {
        var rig = new HomePowerRig(mode);
        rig.Input = rig.Input with { Planned = W(2000) };

        var step = rig.Step(-3000);

        Assert.Equal(HomePowerStep.Off(HomePowerState.Off), step);
    }

    [Theory]
    [InlineData(ChargeMode.PowerTheHouse)]
    [InlineData(ChargeMode.ChargeFromExport)]
    [InlineData(ChargeMode.ZeroGrid)]
    [InlineData(ChargeMode.SolarOnly)]
    [InlineData(ChargeMode.MinPlusSolar)]
    [InlineData(ChargeMode.Automatic)]
    public void Without_a_car_no_mode_asks_for_power(ChargeMode mode)
    {
        var rig = new HomePowerRig(mode);
        rig.Input = rig.Input with { CarConnected = false, SolarInAutomatic = true, HouseInAutomatic = true };

        var step = rig.Step(5000);

        Assert.Null(step.SetPoint);
        Assert.Equal(HomePowerState.NoCar, step.State);
    }

    // --- load following: V2H, S2V, both ---

    [Fact]
    public void Power_the_house_discharges_so_the_grid_goes_to_a_small_export()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);

        var step = rig.Step(-2000);

        Assert.Equal(W(-2050), step.SetPoint);
        Assert.Equal(HomePowerState.Following, step.State);
        Assert.Equal(LoadFollowingReason.Following, step.FollowingReason);
        Assert.Null(step.SurplusReason);
    }

    [Fact]
    public void Power_the_house_never_charges_from_export()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);

        var step = rig.Step(3000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal(HomePowerState.AtLimit, step.State);
        Assert.Equal(LoadFollowingReason.DirectionLimit, step.FollowingReason);
    }

    [Fact]
    public void Its_own_change_settles_before_the_next_with_the_time_left_shown()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Step(-2000);
        rig.Clock.Advance(Second);

        // The house drops to 1 kW: less import is no reason to act early.
        var settling = rig.Step(-1000);
        rig.Clock.Advance(TenSeconds);
        var followed = rig.Step(-1000);

        Assert.Equal(W(-2050), settling.SetPoint);
        Assert.Equal((HomePowerState.Following, LoadFollowingReason.Settling), (settling.State, settling.FollowingReason));
        // 2.05 kW settle in 3 s + 3 s/kW = 9.15 s, one of which has passed.
        Assert.InRange(settling.Remaining!.Value.TotalSeconds, 8.1, 8.2);
        // 1.05 kW is below the charger's minimum but above the share of it a running discharge holds.
        Assert.Equal(-OnePhaseMinimum, followed.SetPoint);
        Assert.Null(followed.Remaining);
    }

    [Fact]
    public void A_set_point_someone_else_wrote_is_followed_from_at_once()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Step(-2000);
        rig.Clock.Advance(Second);
        // The plan or the envelope wrote another set point since.
        rig.Input = rig.Input with { InForce = W(-1000) };

        var step = rig.Step(-2000);

        Assert.Equal(LoadFollowingReason.Following, step.FollowingReason);
        Assert.Equal(W(-2050), step.SetPoint);
    }

    [Fact]
    public void Discharging_stops_at_min_SoC_plus_the_margin_even_while_a_change_settles()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Step(-2000);
        rig.Clock.Advance(Second);
        rig.Input = rig.Input with { Soc = new Percent(22) };

        var step = rig.Step(-2000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal((HomePowerState.AtLimit, LoadFollowingReason.MinSocReached), (step.State, step.FollowingReason));
    }

    [Fact]
    public void Discharging_goes_on_just_above_min_SoC_plus_the_margin()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Input = rig.Input with { Soc = new Percent(22.5) };

        Assert.Equal(W(-2050), rig.Step(-2000).SetPoint);
    }

    [Fact]
    public void An_unknown_SoC_never_discharges()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Input = rig.Input with { Soc = null };

        var step = rig.Step(-2000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal((HomePowerState.AtLimit, LoadFollowingReason.SocUnknown), (step.State, step.FollowingReason));
    }

    public static TheoryData<string> UnusableReadings => ["stale", "never read", "not a number"];

    private static MeterReading Unusable(string kind, DateTimeOffset now) => kind switch
    {
        "stale" => MeterReading.Read(now - TimeSpan.FromSeconds(11), W(2000)),
        "never read" => MeterReading.None,
        _ => MeterReading.Read(now, W(double.NaN)),
    };

    [Theory]
    [MemberData(nameof(UnusableReadings))]
    public void An_unusable_grid_reading_stops_discharging_at_once_and_says_why(string kind)
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Step(-2000);
        rig.Clock.Advance(Second);

        var step = rig.StepOn(Unusable(kind, rig.Clock.GetUtcNow()));

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal((HomePowerState.MeterStale, LoadFollowingReason.StaleMeter), (step.State, step.FollowingReason));
    }

    [Fact]
    public void A_failed_read_whose_value_is_still_young_is_followed()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        var now = rig.Clock.GetUtcNow();

        var step = rig.StepOn(MeterReading.Read(now - TimeSpan.FromSeconds(5), W(2000)).Failed(now, "timeout"));

        Assert.Equal(W(-2050), step.SetPoint);
        Assert.Equal(HomePowerState.Following, step.State);
    }

    [Theory]
    [InlineData(ChargeMode.PowerTheHouse, -2000, -2050)]
    [InlineData(ChargeMode.MinPlusSolar, 3000, 13 * 230)]
    public void A_charger_power_that_is_not_a_number_counts_as_unknown(ChargeMode mode, double pvExcess, double expected)
    {
        var rig = new HomePowerRig(mode);
        var now = rig.Clock.GetUtcNow();
        rig.Input = rig.Input with { ChargerPower = W(double.NaN) };

        var step = rig.StepOn(MeterReading.Read(now, W(-pvExcess)));
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = rig.StepOn(MeterReading.Read(rig.Clock.GetUtcNow(), rig.Input.InForce - W(pvExcess)));

        Assert.Equal(W(expected), step.SetPoint);
        Assert.True(double.IsFinite(next.SetPoint!.Value.Watts));
    }

    [Fact]
    public void Charge_from_export_charges_with_the_export_and_never_discharges()
    {
        var exporting = new HomePowerRig(ChargeMode.ChargeFromExport);
        var importing = new HomePowerRig(ChargeMode.ChargeFromExport);

        var charging = exporting.Step(3000);
        var idle = importing.Step(-2000);

        Assert.Equal(W(2950), charging.SetPoint);
        Assert.Equal(HomePowerState.Following, charging.State);
        Assert.Equal(Power.Zero, idle.SetPoint);
        Assert.Equal((HomePowerState.AtLimit, LoadFollowingReason.DirectionLimit), (idle.State, idle.FollowingReason));
    }

    [Fact]
    public void Zero_grid_follows_either_way()
    {
        Assert.Equal(W(-2050), new HomePowerRig(ChargeMode.ZeroGrid).Step(-2000).SetPoint);
        Assert.Equal(W(2950), new HomePowerRig(ChargeMode.ZeroGrid).Step(3000).SetPoint);
    }

    [Fact]
    public void Charging_from_export_stops_at_the_practical_maximum()
    {
        var rig = new HomePowerRig(ChargeMode.ChargeFromExport);
        rig.Input = rig.Input with { Soc = new Percent(80), PracticalMaxSoc = new Percent(80) };

        var step = rig.Step(3000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal((HomePowerState.AtLimit, LoadFollowingReason.PracticalMaxReached), (step.State, step.FollowingReason));
    }

    // --- PV surplus ---

    [Fact]
    public void Solar_only_waits_the_enable_delay_then_charges_whole_amperes_of_the_surplus()
    {
        var rig = new HomePowerRig(ChargeMode.SolarOnly);

        var waiting = rig.Run(TimeSpan.FromMinutes(1), TenSeconds, 3000);
        var started = rig.Step(3000);

        Assert.All(waiting, s => Assert.Equal((Power.Zero, HomePowerState.WaitingForSurplus), (s.SetPoint!.Value, s.State)));
        Assert.Equal(TimeSpan.FromMinutes(1), waiting[0].Remaining);
        Assert.Equal(TenSeconds, waiting[^1].Remaining);
        Assert.Equal(W(13 * 230), started.SetPoint);
        Assert.Equal((HomePowerState.ChargingFromSurplus, PvSurplusReason.ChargingFromSurplus), (started.State, started.SurplusReason));
        Assert.Equal(W(3000), started.Surplus);
        Assert.Null(started.FollowingReason);
    }

    [Fact]
    public void Solar_only_without_enough_surplus_stays_off()
    {
        var step = new HomePowerRig(ChargeMode.SolarOnly).Step(1000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal((HomePowerState.NoSurplus, PvSurplusReason.NotEnoughSurplus), (step.State, step.SurplusReason));
    }

    [Fact]
    public void Solar_only_holds_the_minimum_through_the_disable_delay_then_stops()
    {
        var rig = ChargingFromSurplus();

        var holding = rig.Run(TimeSpan.FromMinutes(3), TenSeconds, 500);
        var after = rig.Run(TimeSpan.FromSeconds(20), TenSeconds, 500);

        Assert.All(holding, s => Assert.True(s.SetPoint >= OnePhaseMinimum));
        Assert.Contains(holding, s => s.State == HomePowerState.Stopping && s.Remaining > TimeSpan.Zero);
        Assert.Equal(Power.Zero, after[^1].SetPoint);
        Assert.Equal(HomePowerState.NoSurplus, after[^1].State);
    }

    [Fact]
    public void A_full_car_gets_no_surplus()
    {
        var rig = new HomePowerRig(ChargeMode.MinPlusSolar);
        rig.Input = rig.Input with { Soc = new Percent(80), PracticalMaxSoc = new Percent(80) };

        var step = rig.Step(5000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal((HomePowerState.AtLimit, PvSurplusReason.Full), (step.State, step.SurplusReason));
    }

    [Fact]
    public void Min_plus_solar_charges_the_surplus_at_once()
    {
        var step = new HomePowerRig(ChargeMode.MinPlusSolar).Step(3000);

        Assert.Equal(W(13 * 230), step.SetPoint);
        Assert.Equal(HomePowerState.ChargingFromSurplus, step.State);
    }

    [Fact]
    public void Min_plus_solar_at_its_minimum_does_not_claim_to_charge_from_surplus()
    {
        var step = new HomePowerRig(ChargeMode.MinPlusSolar).Step(500);

        Assert.Equal(OnePhaseMinimum, step.SetPoint);
        Assert.Equal(PvSurplusReason.MinPlusSolarFloor, step.SurplusReason);
        Assert.Equal(HomePowerState.ChargingAtMinimum, step.State);
    }

    [Theory]
    [MemberData(nameof(UnusableReadings))]
    public void Without_a_usable_meter_solar_only_stops_and_min_plus_solar_keeps_only_its_minimum(string kind)
    {
        var solar = ChargingFromSurplus(ChargeMode.SolarOnly);
        var minPlus = ChargingFromSurplus(ChargeMode.MinPlusSolar);

        var stopped = solar.StepOn(Unusable(kind, solar.Clock.GetUtcNow()));
        var minimum = minPlus.StepOn(Unusable(kind, minPlus.Clock.GetUtcNow()));

        Assert.Equal((Power.Zero, HomePowerState.MeterStale), (stopped.SetPoint!.Value, stopped.State));
        Assert.Equal((OnePhaseMinimum, HomePowerState.MeterStale), (minimum.SetPoint!.Value, minimum.State));
        Assert.Equal(PvSurplusReason.StaleMeter, minimum.SurplusReason);
    }

    [Fact]
    public void A_house_battery_below_its_priority_SoC_takes_the_surplus_first()
    {
        var below = new HomePowerRig(ChargeMode.SolarOnly);
        below.Input = below.Input with { BatteryPower = W(2500), BatterySoc = new Percent(30) };
        var above = new HomePowerRig(ChargeMode.SolarOnly);
        above.Input = above.Input with { BatteryPower = W(2500), BatterySoc = new Percent(50) };
        var unknown = new HomePowerRig(ChargeMode.SolarOnly);
        unknown.Input = unknown.Input with { BatteryPower = W(2500), BatterySoc = null };

        var keptForBattery = below.Step(3000);
        var shared = above.Step(3000);
        var unknownSoc = unknown.Step(3000);

        Assert.Equal((W(500), HomePowerState.NoSurplus), (keptForBattery.Surplus!.Value, keptForBattery.State));
        Assert.Equal((W(3000), HomePowerState.WaitingForSurplus), (shared.Surplus!.Value, shared.State));
        Assert.Equal((W(500), HomePowerState.NoSurplus), (unknownSoc.Surplus!.Value, unknownSoc.State));
    }

    [Theory]
    [InlineData(90, true)]
    [InlineData(70, false)]
    public void A_house_battery_above_its_buffer_SoC_carries_the_car_through_a_dip(double batterySoc, bool carried)
    {
        var rig = ChargingFromSurplus();
        rig.Input = rig.Input with { BatteryPower = W(-1000), BatterySoc = new Percent(batterySoc) };

        var dip = rig.Run(TimeSpan.FromMinutes(5), TenSeconds, 800);

        if (carried)
            Assert.All(dip.Skip(1), s => Assert.Equal((OnePhaseMinimum, PvSurplusReason.HoldingOnBattery), (s.SetPoint!.Value, s.SurplusReason!.Value)));
        else
            Assert.Equal((Power.Zero, HomePowerState.NoSurplus), (dip[^1].SetPoint!.Value, dip[^1].State));
    }

    // --- phases ---

    [Fact]
    public void Three_phases_go_down_to_one_after_the_disable_delay_stopping_the_car_first()
    {
        var rig = ChargingFromSurplus(capabilities: ThreePhaseSwitchable, surplus: 5000);

        var holding = rig.Run(TimeSpan.FromMinutes(3), TenSeconds, 3000);
        var stopFirst = rig.Step(3000);
        rig.Clock.Advance(TenSeconds);
        var switchNow = rig.Step(3000);

        Assert.All(holding, s => Assert.True(s.SetPoint >= ThreePhaseSwitchable.MinPower));
        Assert.All(holding, s => Assert.Null(s.SwitchPhasesTo));
        Assert.Equal((Power.Zero, HomePowerState.SwitchingPhases, (int?)null), (stopFirst.SetPoint!.Value, stopFirst.State, stopFirst.SwitchPhasesTo));
        Assert.Equal((Power.Zero, HomePowerState.SwitchingPhases, (int?)1), (switchNow.SetPoint!.Value, switchNow.State, switchNow.SwitchPhasesTo));
    }

    [Fact]
    public void After_switching_to_one_phase_charging_goes_on_without_another_enable_delay()
    {
        var rig = ChargingFromSurplus(capabilities: ThreePhaseSwitchable, surplus: 5000);
        rig.Run(TimeSpan.FromMinutes(3) + TenSeconds + TenSeconds, TenSeconds, 3000);
        rig.Input = rig.Input with { Capabilities = ChargerCapabilities.ForCurrent(false, 1, 6, 16, canSwitchPhases: true) };

        var step = rig.Step(3000);

        Assert.Equal(HomePowerState.ChargingFromSurplus, step.State);
        Assert.InRange(step.SetPoint!.Value.Watts, 1380, 3000);
        Assert.Null(step.SwitchPhasesTo);
    }

    [Fact]
    public void A_charger_that_cannot_switch_never_asks_to()
    {
        var rig = ChargingFromSurplus(capabilities: ChargerCapabilities.ForCurrent(false, 3, 6, 16), surplus: 5000);

        var steps = rig.Run(TimeSpan.FromMinutes(10), TenSeconds, 3000);

        Assert.All(steps, s => Assert.Null(s.SwitchPhasesTo));
        Assert.DoesNotContain(steps, s => s.State == HomePowerState.SwitchingPhases);
    }

    // --- Automatic: the plan shaped by the meter ---

    private static HomePowerRig Automatic(double? planned, bool solar, bool house, ChargerCapabilities? capabilities = null)
    {
        var rig = new HomePowerRig(ChargeMode.Automatic, capabilities);
        rig.Input = rig.Input with { Planned = planned is { } p ? W(p) : null, SolarInAutomatic = solar, HouseInAutomatic = house };
        return rig;
    }

    [Fact]
    public void A_slot_the_plan_discharges_in_keeps_the_plans_set_point()
    {
        var rig = Automatic(-3000, solar: true, house: true);

        var steps = rig.Run(TimeSpan.FromMinutes(2), TenSeconds, 5000);

        Assert.All(steps, s => Assert.Equal(HomePowerStep.Off(HomePowerState.FollowingPlan), s));
    }

    [Fact]
    public void A_slot_the_plan_charges_in_charges_at_least_the_plan_and_more_once_the_surplus_is_larger()
    {
        var rig = Automatic(2000, solar: true, house: false);

        var waiting = rig.Run(TimeSpan.FromMinutes(1), TenSeconds, 5000);
        var shaped = rig.Step(5000);

        Assert.All(waiting, s => Assert.Equal((null, HomePowerState.FollowingPlan), (s.SetPoint, s.State)));
        Assert.Equal(W(21 * 230), shaped.SetPoint);
        Assert.Equal(HomePowerState.ChargingFromSurplus, shaped.State);
    }

    [Fact]
    public void A_surplus_smaller_than_the_plan_leaves_the_plan_in_charge()
    {
        var rig = Automatic(4000, solar: true, house: true);

        var steps = rig.Run(TimeSpan.FromMinutes(3), TenSeconds, 2000);

        Assert.All(steps, s => Assert.Equal((null, HomePowerState.FollowingPlan), (s.SetPoint, s.State)));
    }

    [Fact]
    public void An_idle_slot_charges_from_surplus_when_solar_is_allowed()
    {
        var rig = Automatic(0, solar: true, house: false);

        var waiting = rig.Run(TimeSpan.FromMinutes(1), TenSeconds, 3000);
        var charging = rig.Step(3000);

        Assert.All(waiting, s => Assert.Equal(HomePowerState.WaitingForSurplus, s.State));
        Assert.Equal((W(13 * 230), HomePowerState.ChargingFromSurplus), (charging.SetPoint!.Value, charging.State));
    }

    [Fact]
    public void An_idle_slot_waiting_for_surplus_says_so_even_with_V2H_allowed()
    {
        var rig = Automatic(0, solar: true, house: true);

        var steps = rig.Run(TimeSpan.FromMinutes(1), TenSeconds, 3000);
        var charging = rig.Step(3000);

        Assert.All(steps, s => Assert.Equal((Power.Zero, HomePowerState.WaitingForSurplus), (s.SetPoint!.Value, s.State)));
        Assert.Equal(TimeSpan.FromMinutes(1), steps[0].Remaining);
        Assert.Equal(HomePowerState.ChargingFromSurplus, charging.State);
    }

    [Fact]
    public void No_phase_switch_while_the_plan_leads_the_slot()
    {
        var rig = Automatic(4140, solar: true, house: false, ThreePhaseSwitchable);
        // The car holds itself at 0 W for a while, so a switch would not even need a stop first.
        rig.CarDraws = false;

        var steps = rig.Run(TimeSpan.FromMinutes(5), TenSeconds, 3000);

        Assert.All(steps, s => Assert.Equal((null, HomePowerState.FollowingPlan, null), (s.SetPoint, s.State, s.SwitchPhasesTo)));
    }

    [Fact]
    public void Phase_switch_timers_start_only_once_the_plan_no_longer_leads()
    {
        var rig = Automatic(4140, solar: true, house: false, ThreePhaseSwitchable);
        rig.Run(TimeSpan.FromMinutes(5), TenSeconds, 3000);
        rig.Input = rig.Input with { Planned = Power.Zero };

        var idle = rig.Run(TimeSpan.FromMinutes(2), TenSeconds, 3000);

        Assert.DoesNotContain(idle, s => s.State == HomePowerState.SwitchingPhases || s.SwitchPhasesTo is not null);
    }

    [Fact]
    public void Without_a_schedule_a_slot_counts_as_idle()
    {
        var rig = Automatic(null, solar: false, house: true);

        Assert.Equal(W(-2050), rig.Step(-2000).SetPoint);
    }

    [Fact]
    public void An_idle_slot_powers_the_house_while_the_SoC_is_above_the_reserve()
    {
        var rig = Automatic(0, solar: true, house: true);
        rig.Input = rig.Input with { Reserve = new Percent(50), Soc = new Percent(52.5) };

        var step = rig.Step(-2000);

        Assert.Equal(W(-2050), step.SetPoint);
        Assert.Equal((HomePowerState.Following, LoadFollowingReason.Following), (step.State, step.FollowingReason));
    }

    [Theory]
    [InlineData(52.0)]
    [InlineData(40.0)]
    [InlineData(null)]
    public void The_car_keeps_what_its_trips_need_and_an_unknown_SoC_counts_as_needed(double? soc)
    {
        var rig = Automatic(0, solar: false, house: true);
        rig.Input = rig.Input with { Reserve = new Percent(50), Soc = soc is { } s ? new Percent(s) : null };

        var step = rig.Step(-2000);

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal(HomePowerState.KeepingForTrip, step.State);
    }

    [Fact]
    public void Powering_the_house_in_Automatic_stops_when_the_SoC_reaches_the_reserve()
    {
        var rig = Automatic(0, solar: false, house: true);
        rig.Input = rig.Input with { Reserve = new Percent(50), Soc = new Percent(55) };
        rig.Step(-2000);
        rig.Clock.Advance(Second);
        rig.Input = rig.Input with { Soc = new Percent(52) };

        var step = rig.Step(-2000);

        Assert.Equal((Power.Zero, HomePowerState.KeepingForTrip), (step.SetPoint!.Value, step.State));
    }

    [Fact]
    public void A_slot_the_plan_charges_in_never_powers_the_house()
    {
        var rig = Automatic(3000, solar: false, house: true);

        var step = rig.Step(-2000);

        Assert.Equal(HomePowerStep.Off(HomePowerState.FollowingPlan), step);
    }

    [Fact]
    public void Powering_the_house_in_Automatic_stops_at_once_on_a_stale_meter()
    {
        var rig = Automatic(0, solar: false, house: true);
        rig.Step(-2000);
        rig.Clock.Advance(Second);

        var step = rig.StepOn(MeterReading.None);

        Assert.Equal((Power.Zero, HomePowerState.MeterStale), (step.SetPoint!.Value, step.State));
    }

    [Theory]
    [InlineData(3000, true, false)]
    [InlineData(3000, false, true)]
    [InlineData(3000, true, true)]
    [InlineData(-3000, true, true)]
    public void A_slot_the_plan_leads_keeps_the_plan_on_a_stale_meter_and_says_why(double planned, bool solar, bool house)
    {
        var rig = Automatic(planned, solar, house);
        rig.Step(5000);
        rig.Clock.Advance(TimeSpan.FromSeconds(30));

        var step = rig.StepOn(MeterReading.Read(rig.Clock.GetUtcNow() - TimeSpan.FromSeconds(30), W(-5000)));

        Assert.Null(step.SetPoint);
        Assert.Equal(HomePowerState.MeterStale, step.State);
    }

    [Fact]
    public void A_step_without_a_car_keeps_the_settling_wait_of_its_last_change()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Step(-2000);
        rig.Clock.Advance(Second);
        rig.Input = rig.Input with { CarConnected = false };
        rig.Step(-2000);
        rig.Input = rig.Input with { CarConnected = true, InForce = W(-2050) };

        // Back within the settling time of its own change: it still waits.
        var step = rig.Step(-1000);

        Assert.Equal(LoadFollowingReason.Settling, step.FollowingReason);
    }

    // --- controllers that sat out a step start afresh ---

    [Fact]
    public void An_enable_delay_begun_before_another_mode_starts_again_on_return()
    {
        var rig = new HomePowerRig(ChargeMode.SolarOnly);
        rig.Run(TimeSpan.FromSeconds(50), TenSeconds, 3000);
        rig.Input = rig.Input with { Mode = ChargeMode.PowerTheHouse };
        rig.Run(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10), 3000);
        rig.Input = rig.Input with { Mode = ChargeMode.SolarOnly };

        var back = rig.Step(3000);

        Assert.Equal((Power.Zero, HomePowerState.WaitingForSurplus), (back.SetPoint!.Value, back.State));
        Assert.Equal(TimeSpan.FromMinutes(1), back.Remaining);
    }

    [Theory]
    [InlineData(ChargeMode.Automatic)]
    [InlineData(ChargeMode.PowerTheHouse)]
    [InlineData(ChargeMode.Pause)]
    public void Surplus_charging_left_for_another_mode_does_not_resume_from_the_grid(ChargeMode meanwhile)
    {
        var rig = ChargingFromSurplus();
        rig.Input = rig.Input with { Mode = meanwhile };
        rig.Step(0);
        rig.Clock.Advance(TenSeconds);
        rig.Input = rig.Input with { Mode = ChargeMode.SolarOnly, InForce = Power.Zero };

        var back = rig.Step(0);

        Assert.Equal((Power.Zero, HomePowerState.NoSurplus), (back.SetPoint!.Value, back.State));
    }

    [Fact]
    public void Surplus_charging_does_not_resume_from_the_grid_after_an_unplug()
    {
        var rig = ChargingFromSurplus();
        rig.Input = rig.Input with { CarConnected = false };
        rig.Step(0);
        rig.Clock.Advance(TenSeconds);
        rig.Input = rig.Input with { CarConnected = true };

        var back = rig.Step(0);

        Assert.Equal((Power.Zero, HomePowerState.NoSurplus), (back.SetPoint!.Value, back.State));
    }

    [Fact]
    public void A_phase_switch_timer_begun_before_another_mode_starts_again_on_return()
    {
        var rig = ChargingFromSurplus(capabilities: ThreePhaseSwitchable, surplus: 5000);
        rig.Run(TimeSpan.FromMinutes(2), TenSeconds, 3000);
        rig.Input = rig.Input with { Mode = ChargeMode.ChargeFromExport };
        rig.Step(3000);
        rig.Clock.Advance(TenSeconds);
        rig.Input = rig.Input with { Mode = ChargeMode.MinPlusSolar };

        var back = rig.Run(TimeSpan.FromMinutes(2), TenSeconds, 3000);

        Assert.DoesNotContain(back, s => s.State == HomePowerState.SwitchingPhases);
    }

    // --- the control loop's cost ---

    [Theory]
    [InlineData(ChargeMode.SolarOnly)]
    [InlineData(ChargeMode.MinPlusSolar)]
    [InlineData(ChargeMode.ZeroGrid)]
    [InlineData(ChargeMode.Automatic)]
    public void A_step_in_steady_state_allocates_nothing(ChargeMode mode)
    {
        var control = new HomePowerControl(new HomePowerSettings());
        var rig = Automatic(0, solar: true, house: true, ThreePhaseSwitchable);
        var t0 = rig.Clock.GetUtcNow();
        // Noisy surplus between 4.5 and 7.5 kW, read once a second; the readings exist before the loop as the meter's would.
        var readings = Enumerable.Range(0, 1200).Select(i => MeterReading.Read(t0 + i * Second, W(-4500 - i % 7 * 500))).ToArray();
        var input = rig.Input with { Mode = mode };
        void Steps(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var step = control.Step(input with { Now = readings[i].At!.Value, Grid = readings[i] });
                input = input with { InForce = step.SetPoint ?? input.InForce, ChargerPower = step.SetPoint ?? input.InForce };
            }
        }
        // The first 600 fill the 300-sample damping window and let the JIT settle.
        Steps(0, 600);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Steps(600, readings.Length);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Solar_charging_keeps_its_set_point_through_changes_under_one_ampere()
    {
        var t0 = new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
        var watts = new ChargerCapabilities(true, SetPointUnit.Watts, W(7400), W(7400));
        var control = new HomePowerControl(new HomePowerSettings());
        var inForce = Power.Zero;
        var written = new List<Power>();
        // 4.4 kW of surplus with ±20 W of meter noise for three minutes, one reading every 5 s.
        for (var i = 0; i < 36; i++)
        {
            var now = t0 + TimeSpan.FromSeconds(5 * i);
            var grid = W(inForce.Watts - 4400 + (i % 2 == 0 ? 20 : -20));
            var step = control.Step(new HomePowerInput(now, ChargeMode.SolarOnly, MeterReading.Read(now, grid), inForce, inForce, true,
                new Percent(50), new ChargeSettings(), watts, new Percent(97), null, false, false, new Percent(0), null, null));
            if (step.SetPoint is { } setPoint && setPoint != inForce) written.Add(inForce = setPoint);
        }
        Assert.True(inForce.Watts > 4000, $"charging at {inForce}");
        Assert.Single(written); // the start; the noise moves the damped target by a few watts, never by an ampere
    }
}
