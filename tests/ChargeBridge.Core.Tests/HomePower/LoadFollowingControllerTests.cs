using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>Single decisions of load following: each rule on its own, with explicit times.</summary>
public class LoadFollowingControllerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    /// <summary>The rules on their own: grid aimed at 0 W and the minimum hysteresis at the round 50 % / 30 %, so each
    /// expected set point is plain arithmetic. The shipped defaults are tested below.</summary>
    private static readonly LoadFollowingSettings Defaults = new()
    {
        GridTarget = Power.Zero, DischargeStartAt = new(50), DischargeKeepDownTo = new(30),
    };

    private static readonly LoadFollowingSettings Shipped = new();

    private static LoadFollowingDecision Decide(double grid, double last = 0, LoadFollowingDirection direction = LoadFollowingDirection.V2H,
        double? soc = 60, double? writtenSecondsAgo = null, double lastChange = 0, double readingSecondsAgo = 0, double? delivered = null,
        ChargerCapabilities? capabilities = null, LoadFollowingSettings? settings = null, MeterReading? reading = null) =>
        LoadFollowingController.Decide(new LoadFollowingInput(
            Now,
            reading ?? MeterReading.Read(Now.AddSeconds(-readingSecondsAgo), Power.FromWatts(grid)),
            delivered is { } d ? Power.FromWatts(d) : null,
            Power.FromWatts(last),
            writtenSecondsAgo is { } ago ? Now.AddSeconds(-ago) : null,
            Power.FromWatts(lastChange),
            capabilities ?? LoadFollowingSimulation.Quasar,
            soc is { } s ? new Percent(s) : null,
            new ChargeSettings { MinSoc = new(20) },
            new Percent(97),
            direction), settings ?? Defaults);

    [Fact]
    public void Discharges_by_the_grid_import_so_the_grid_goes_to_zero()
    {
        var decision = Decide(grid: 2000, last: -1500);
        Assert.Equal(-3500, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.Following, decision.Reason);
        Assert.True(decision.Changed);
        Assert.Equal(Now + Defaults.SettlingFor(Power.FromWatts(2000)), decision.NextChangeAt);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(-99)]
    [InlineData(0)]
    public void Holds_still_within_the_dead_band(double grid)
    {
        var decision = Decide(grid, last: -2000);
        Assert.Equal(-2000, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.DeadBand, decision.Reason);
        Assert.False(decision.Changed);
    }

    [Fact]
    public void Settling_time_grows_with_the_step_up_to_its_maximum()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Defaults.SettlingFor(Power.Zero));
        Assert.Equal(TimeSpan.FromSeconds(6), Defaults.SettlingFor(Power.FromWatts(1000)));
        Assert.Equal(TimeSpan.FromSeconds(12), Defaults.SettlingFor(Power.FromWatts(-3000)));
        Assert.Equal(TimeSpan.FromSeconds(22), Defaults.SettlingFor(Power.FromWatts(20000)));
    }

    [Fact]
    public void Sends_nothing_until_the_last_change_has_settled()
    {
        // A 1 kW change settles in 6 s: 4 s after it, the grid still shows the old state.
        var decision = Decide(grid: 800, last: -1000, writtenSecondsAgo: 4, lastChange: 1000);
        Assert.Equal(-1000, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.Settling, decision.Reason);
        Assert.Equal(Now.AddSeconds(2), decision.NextChangeAt);
    }

    [Fact]
    public void Waits_for_a_reading_taken_after_the_change_settled()
    {
        var decision = Decide(grid: 800, last: -1000, writtenSecondsAgo: 7, lastChange: 1000, readingSecondsAgo: 2);
        Assert.Equal(LoadFollowingReason.Settling, decision.Reason);
        Assert.False(decision.Changed);

        Assert.Equal(-1800, Decide(grid: 800, last: -1000, writtenSecondsAgo: 7, lastChange: 1000, readingSecondsAgo: 0.5).SetPoint.Watts);
    }

    [Fact]
    public void Limits_each_change_to_the_max_step_and_the_power_to_the_charger()
    {
        var first = Decide(grid: 9000);
        Assert.Equal(-3000, first.SetPoint.Watts);
        var last = Decide(grid: 3000, last: -6000);
        Assert.Equal(-7400, last.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.PowerLimit, last.Reason);
    }

    [Fact]
    public void V2H_never_charges_and_S2V_never_discharges()
    {
        var export = Decide(grid: -2000, direction: LoadFollowingDirection.V2H);
        Assert.Equal(0, export.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.DirectionLimit, export.Reason);

        var import = Decide(grid: 2000, direction: LoadFollowingDirection.S2V);
        Assert.Equal(0, import.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.DirectionLimit, import.Reason);

        Assert.Equal(2000, Decide(grid: -2000, direction: LoadFollowingDirection.S2V).SetPoint.Watts);
    }

    [Fact]
    public void A_charge_only_charger_never_discharges()
    {
        var chargeOnly = ChargerCapabilities.ForCurrent(bidirectional: false, phases: 1, minAmperes: 6, maxAmperes: 32);
        var decision = Decide(grid: 3000, direction: LoadFollowingDirection.Both, capabilities: chargeOnly);
        Assert.Equal(0, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.DirectionLimit, decision.Reason);
    }

    [Fact]
    public void Switching_the_direction_away_cuts_the_set_point_at_once_even_while_settling()
    {
        var decision = Decide(grid: 0, last: -2000, direction: LoadFollowingDirection.S2V, writtenSecondsAgo: 1, lastChange: 2000);
        Assert.Equal(0, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.DirectionLimit, decision.Reason);
    }

    [Theory]
    [InlineData(22.0)]
    [InlineData(21.5)]
    [InlineData(10)]
    public void Stops_discharging_at_or_below_min_soc_plus_the_margin_at_once(double soc)
    {
        var decision = Decide(grid: 500, last: -2000, soc: soc, writtenSecondsAgo: 1, lastChange: 2000);
        Assert.Equal(0, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.MinSocReached, decision.Reason);
    }

    [Fact]
    public void Discharges_just_above_the_margin()
    {
        Assert.Equal(-2500, Decide(grid: 500, last: -2000, soc: 22.1).SetPoint.Watts);
    }

    [Fact]
    public void The_margin_is_never_below_the_safety_envelopes()
    {
        var noMargin = Defaults with { MinSocMargin = new(0) };
        Assert.Equal(LoadFollowingReason.MinSocReached, Decide(grid: 2000, soc: 20.5, settings: noMargin).Reason);
    }

    [Theory]
    [InlineData(97)]
    [InlineData(99)]
    public void Stops_charging_at_or_above_the_practical_max(double soc)
    {
        var decision = Decide(grid: -1000, last: 2000, direction: LoadFollowingDirection.S2V, soc: soc);
        Assert.Equal(0, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.PracticalMaxReached, decision.Reason);
    }

    [Fact]
    public void Unknown_soc_stops_discharge_but_not_solar_charging()
    {
        var discharge = Decide(grid: 2000, last: -1500, soc: null);
        Assert.Equal(0, discharge.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.SocUnknown, discharge.Reason);

        // Like the safety envelope: the car's own battery management ends a charge at full.
        Assert.Equal(2000, Decide(grid: -2000, direction: LoadFollowingDirection.S2V, soc: null).SetPoint.Watts);
    }

    [Fact]
    public void A_stale_meter_stops_discharging_with_the_reason()
    {
        var decision = Decide(grid: 2000, last: -1500, readingSecondsAgo: 11, writtenSecondsAgo: 1, lastChange: 1500);
        Assert.Equal(0, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.StaleMeter, decision.Reason);
        Assert.True(decision.Changed);
    }

    [Theory]
    [InlineData(LoadFollowingDirection.S2V, 2000)]
    [InlineData(LoadFollowingDirection.Both, -2000)]
    [InlineData(LoadFollowingDirection.V2H, 0)]
    public void A_meter_never_read_holds_zero(LoadFollowingDirection direction, double last)
    {
        var decision = Decide(grid: 0, last: last, direction: direction, reading: MeterReading.None);
        Assert.Equal(0, decision.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.StaleMeter, decision.Reason);
    }

    [Fact]
    public void A_not_a_number_reading_is_no_reading()
    {
        Assert.Equal(LoadFollowingReason.StaleMeter, Decide(grid: double.NaN, last: -1500).Reason);
    }

    [Fact]
    public void A_young_value_after_a_failed_attempt_is_still_followed()
    {
        var degraded = MeterReading.Read(Now.AddSeconds(-3), Power.FromWatts(1000)).Failed(Now, "timeout");
        Assert.Equal(-2500, Decide(grid: 0, last: -1500, reading: degraded).SetPoint.Watts);
    }

    [Fact]
    public void Charging_starts_only_clearly_above_the_charger_minimum_and_stops_below_it()
    {
        // 6 A on one phase is 1380 W; charging from export needs 20 % more (1656 W) to start, and never draws from the grid.
        var below = Decide(grid: -1600, direction: LoadFollowingDirection.S2V);
        Assert.Equal(0, below.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.BelowChargerMinimum, below.Reason);
        Assert.Equal(1700, Decide(grid: -1700, direction: LoadFollowingDirection.S2V).SetPoint.Watts);
        Assert.Equal(1400, Decide(grid: 300, last: 1700, direction: LoadFollowingDirection.S2V).SetPoint.Watts);
        Assert.Equal(0, Decide(grid: 400, last: 1700, direction: LoadFollowingDirection.S2V).SetPoint.Watts);
    }

    [Fact]
    public void Discharging_starts_at_half_the_minimum_and_holds_it_down_to_three_tenths()
    {
        // A house drawing 690 W (50 % of 1380 W) is served by the car at its minimum; below, the grid serves it.
        var below = Decide(grid: 650);
        Assert.Equal((0.0, LoadFollowingReason.BelowChargerMinimum), (below.SetPoint.Watts, below.Reason));
        Assert.Equal(-1380, Decide(grid: 700).SetPoint.Watts);
        Assert.Equal(-1700, Decide(grid: 1700).SetPoint.Watts);
    }

    [Fact]
    public void A_discharging_car_follows_down_to_the_minimum_holds_it_to_three_tenths_and_stops_below()
    {
        Assert.Equal(-1400, Decide(grid: -300, last: -1700).SetPoint.Watts);
        Assert.Equal(-1380, Decide(grid: -900, last: -1700).SetPoint.Watts);
        var stop = Decide(grid: -1300, last: -1700);
        Assert.Equal(0, stop.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.BelowChargerMinimum, stop.Reason);
    }

    [Fact]
    public void A_step_that_would_end_below_the_minimum_on_its_way_across_zero_stops_first()
    {
        var small = Defaults with { MaxStep = Power.FromWatts(2000) };
        Assert.Equal(0, Decide(grid: -4000, last: -1500, direction: LoadFollowingDirection.Both, settings: small).SetPoint.Watts);
    }

    [Fact]
    public void A_start_below_a_three_phase_minimum_starts_at_the_minimum()
    {
        var threePhase = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 3, minAmperes: 6, maxAmperes: 16);
        var decision = Decide(grid: -6000, direction: LoadFollowingDirection.S2V, capabilities: threePhase);
        Assert.Equal(threePhase.MinPower.Watts, decision.SetPoint.Watts);
    }

    [Fact]
    public void A_car_delivering_less_than_asked_does_not_wind_the_set_point_up()
    {
        var decision = Decide(grid: 500, last: -3000, delivered: -2000);
        Assert.Equal(-2500, decision.SetPoint.Watts);
    }

    [Fact]
    public void A_step_allocates_nothing()
    {
        var input = new LoadFollowingInput(Now, MeterReading.Read(Now, Power.FromWatts(700)), Power.FromWatts(-1500), Power.FromWatts(-1500),
            Now.AddSeconds(-30), Power.FromWatts(1500), LoadFollowingSimulation.Quasar, new Percent(60), new ChargeSettings(), new Percent(97),
            LoadFollowingDirection.Both);
        LoadFollowingController.Decide(input, Defaults);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) LoadFollowingController.Decide(input, Defaults);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void By_default_the_grid_is_aimed_at_a_small_export_and_the_dead_band_sits_around_it()
    {
        Assert.Equal(Power.FromWatts(-50), Shipped.GridTarget);

        var following = Decide(grid: 2000, last: -1500, settings: Shipped);
        Assert.Equal(-3550, following.SetPoint.Watts);

        // 200 W of export is within the dead band around −50 W; 250 W of import is not.
        Assert.Equal(LoadFollowingReason.DeadBand, Decide(grid: -200, last: -2000, settings: Shipped).Reason);
        var import = Decide(grid: 250, last: -2000, settings: Shipped);
        Assert.Equal(LoadFollowingReason.Following, import.Reason);
        Assert.Equal(-2300, import.SetPoint.Watts);

        // S2V: charging leaves the target's export to the grid, so it never draws from it.
        Assert.Equal(1950, Decide(grid: -2000, direction: LoadFollowingDirection.S2V, settings: Shipped).SetPoint.Watts);
    }

    [Fact]
    public void By_default_discharging_starts_at_45_percent_of_the_minimum_and_holds_it_down_to_35()
    {
        // The 1380 W minimum: the house plus the 50 W target must ask for 621 W to start (a house from 571 W) and
        // keeps the minimum down to 483 W (a house from 433 W).
        Assert.Equal(LoadFollowingReason.BelowChargerMinimum, Decide(grid: 560, settings: Shipped).Reason);
        Assert.Equal(-1380, Decide(grid: 580, settings: Shipped).SetPoint.Watts);

        // Running at the minimum: a house at 500 W (880 W export) is still held; at 420 W (960 W export) it stops.
        Assert.Equal(-1380, Decide(grid: -880, last: -1380, delivered: -1380, settings: Shipped).SetPoint.Watts);
        var stopped = Decide(grid: -960, last: -1380, delivered: -1380, settings: Shipped);
        Assert.Equal(0, stopped.SetPoint.Watts);
        Assert.Equal(LoadFollowingReason.BelowChargerMinimum, stopped.Reason);
    }

    [Fact]
    public void Follows_from_what_the_charger_delivers_so_its_rounding_does_not_offset_the_grid()
    {
        // Asked for 1500 W, the charger holds 7 A (1610 W): the house draws 1610 + 300 W, not 1500 + 300 W.
        var decision = Decide(grid: 300, last: -1500, delivered: -1610);
        Assert.Equal(-1910, decision.SetPoint.Watts);
    }

    [Fact]
    public void A_load_that_switches_on_while_a_change_settles_is_followed_at_once()
    {
        // 2 s into a 1 kW change's 6 s: the charger already delivers the new 2000 W, yet the grid imports 1200 W.
        var early = Decide(grid: 1200, last: -2000, writtenSecondsAgo: 2, lastChange: 1000, delivered: -2000, settings: Shipped);
        Assert.Equal(LoadFollowingReason.Following, early.Reason);
        Assert.Equal(-3250, early.SetPoint.Watts);
    }

    [Fact]
    public void While_a_change_settles_a_reading_that_its_ramp_explains_is_not_acted_on()
    {
        // The charger is still on its way from 1000 W to 2000 W: the import is the part not yet delivered.
        var ramping = Decide(grid: 950, last: -2000, writtenSecondsAgo: 2, lastChange: 1000, delivered: -1000, settings: Shipped);
        Assert.Equal(LoadFollowingReason.Settling, ramping.Reason);
        Assert.False(ramping.Changed);

        // More discharge than the house needs never cuts the wait short: only the import side acts early.
        var export = Decide(grid: -1500, last: -2000, writtenSecondsAgo: 2, lastChange: 1000, delivered: -2000, settings: Shipped);
        Assert.Equal(LoadFollowingReason.Settling, export.Reason);

        // Without the charger's own reading there is nothing to judge the reading by: it waits.
        var unknown = Decide(grid: 1200, last: -2000, writtenSecondsAgo: 2, lastChange: 1000, settings: Shipped);
        Assert.Equal(LoadFollowingReason.Settling, unknown.Reason);

        // Acting early can be switched off.
        var off = Decide(grid: 1200, last: -2000, writtenSecondsAgo: 2, lastChange: 1000, delivered: -2000,
            settings: Shipped with { ActEarlyAbove = null });
        Assert.Equal(LoadFollowingReason.Settling, off.Reason);
    }

    private static LoadFollowingDecision Spending(double grid, double last, double soc, double? hoursLeft, double? keepSoc = null) =>
        LoadFollowingController.Decide(new LoadFollowingInput(Now, MeterReading.Read(Now, Power.FromWatts(grid)), Power.FromWatts(last),
            Power.FromWatts(last), null, Power.Zero, LoadFollowingSimulation.Quasar, new Percent(soc),
            new ChargeSettings { MinSoc = new(20), Capacity = Energy.FromKilowattHours(60) }, new Percent(97), LoadFollowingDirection.V2H)
        {
            DischargeUntil = hoursLeft is { } h ? Now.AddHours(h) : null,
            KeepSoc = keepSoc is { } k ? new Percent(k) : null,
        }, Shipped);

    [Fact]
    public void With_energy_to_spare_until_the_end_of_the_v2h_period_a_small_load_gets_the_minimum()
    {
        // A 350 W house (grid 350 W) is below the 45 % start threshold (621 W of the 1380 W minimum).
        Assert.Equal(LoadFollowingReason.BelowChargerMinimum, Spending(grid: 350, last: 0, soc: 80, hoursLeft: null).Reason);
        Assert.Equal(Power.Zero, Spending(grid: 350, last: 0, soc: 80, hoursLeft: null).SetPoint);

        // 80 % → 22 % of 60 kWh over 7 h is over three minimums an hour: the car starts at its minimum.
        var spending = Spending(grid: 350, last: 0, soc: 80, hoursLeft: 7);
        Assert.Equal(-LoadFollowingSimulation.Quasar.MinPower.Watts, spending.SetPoint.Watts);

        // And holds it for a house of 100 W (grid −1280 W at the minimum), exporting the rest, where the thresholds stop.
        var min = LoadFollowingSimulation.Quasar.MinPower.Watts;
        Assert.Equal(-min, Spending(grid: 100 - min, last: -min, soc: 80, hoursLeft: 7).SetPoint.Watts);
        Assert.Equal(0, Spending(grid: 100 - min, last: -min, soc: 80, hoursLeft: null).SetPoint.Watts);
    }

    [Fact]
    public void Little_spare_energy_or_a_long_period_leaves_the_thresholds()
    {
        // 23 % is 1 %-point above the floor: 0.55 kWh over 7 h is far below the minimum, the thresholds hold.
        Assert.Equal(Power.Zero, Spending(grid: 350, last: 0, soc: 23, hoursLeft: 7).SetPoint);
        // The calendar targets' reserve counts as the floor: at 80 % with 79 % kept there is little to spare.
        Assert.Equal(Power.Zero, Spending(grid: 350, last: 0, soc: 80, hoursLeft: 7, keepSoc: 79).SetPoint);
        // A period that ended gives nothing extra.
        Assert.Equal(Power.Zero, Spending(grid: 350, last: 0, soc: 80, hoursLeft: -1).SetPoint);
    }

    [Fact]
    public void Spare_energy_between_one_and_two_minimums_an_hour_lowers_the_thresholds_in_proportion()
    {
        // 35 % → 22 % of 60 kWh at √0.85 is 7.19 kWh; over 3.5 h 2.05 kW, 1.49 times the 1380 W minimum, so the start
        // threshold falls to 51 % of 621 W, about 317 W (of grid less the −50 W target): 400 W of import starts the car,
        // 250 W does not; over 24 h (0.3 kW an hour) the thresholds hold.
        Assert.Equal(-1380, Spending(grid: 400, last: 0, soc: 35, hoursLeft: 3.5).SetPoint.Watts, 1);
        Assert.Equal(Power.Zero, Spending(grid: 250, last: 0, soc: 35, hoursLeft: 3.5).SetPoint);
        Assert.Equal(Power.Zero, Spending(grid: 400, last: 0, soc: 35, hoursLeft: 24).SetPoint);
    }
}
