using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.Planning.Scenarios;

namespace ChargeBridge.Core.Tests.Planning;

public class LocalPlannerTests
{
    private readonly LocalPlanner _planner = new();

    [Fact]
    public void Plans_27_hours_in_5_minute_slots_by_default()
    {
        var schedule = _planner.Plan(Request(50, Enumerable.Repeat(0.1, 30).ToArray()));
        Assert.Equal(27 * 12, schedule.Slots.Count);
        Assert.All(schedule.Slots, s => Assert.Equal(TimeSpan.FromMinutes(5), s.Length));
    }

    [Fact]
    public void The_horizon_ends_where_the_prices_end() =>
        Assert.Equal(Midnight.AddHours(3), _planner.Plan(Request(50, 0.1, 0.2, 0.3)).End);

    [Fact]
    public void Buys_low_and_sells_high_when_the_spread_beats_the_losses()
    {
        var schedule = _planner.Plan(Request(50, 0.0, 0.0, 0.0, 0.5, 0.5, 0.5));
        Assert.True(EnergyIn(schedule, 0, 3) > 10, "charges in the cheap hours");
        Assert.True(EnergyIn(schedule, 3, 6) < -10, "discharges in the dear hours");
        Assert.True(schedule.ExpectedCostEur < 0);
        Assert.All(schedule.Slots, s => Assert.True(s.SocAtEnd.Value >= 20 - 1e-9));
    }

    [Fact]
    public void Does_not_cycle_when_the_spread_is_smaller_than_the_losses()
    {
        // 85 % round trip: selling at 0.11 what was bought at 0.10 loses money.
        var schedule = _planner.Plan(Request(50, 0.10, 0.10, 0.11, 0.11));
        Assert.All(schedule.Slots, s => Assert.Equal(0, s.SetPoint.Watts, 6));
    }

    [Fact]
    public void Degradation_cost_stops_cycling_that_would_otherwise_pay()
    {
        var prices = new[] { 0.10, 0.10, 0.20, 0.20 };
        Assert.True(EnergyIn(_planner.Plan(Request(50, prices)), 2, 4) < -1);
        var worn = _planner.Plan(Request(50, prices) with { DegradationCost = new EnergyPrice(0.1) });
        Assert.True(EnergyIn(worn, 2, 4) > -1e-9);
    }

    [Fact]
    public void Pays_to_make_room_when_a_later_hour_pays_more_for_charging()
    {
        // Full at 80 %: feeding back at −0.05 costs less than the 0.50 per kWh the next hour pays for charging.
        var schedule = _planner.Plan(Request(80, -0.05, -0.5));
        Assert.True(EnergyIn(schedule, 0, 1) < -5, "discharges in the first hour to make room");
        Assert.True(EnergyIn(schedule, 1, 2) > 5, "charges in the most negative hour");
    }

    [Fact]
    public void Does_not_pay_to_export_when_the_later_hour_does_not_make_up_for_it()
    {
        // Feeding back costs 0.30 per kWh, charging again earns only 0.10.
        var schedule = _planner.Plan(Request(80, -0.2, -0.1) with { SellPrices = Scenarios.Prices(-0.3, -0.2) });
        Assert.All(schedule.Slots, s => Assert.True(s.SetPoint.Watts >= 0));
    }

    [Fact]
    public void Stored_energy_keeps_no_negative_value_at_the_end_of_an_all_negative_horizon()
    {
        // A negative value would have the plan sell the car empty at its end only to be rid of the energy.
        Assert.Equal(0, PlanningProblem.From(Request(60, -0.3, -0.3, -0.3)).TerminalValuePerKwh);
        Assert.Equal(0.2, PlanningProblem.From(Request(60, 0.1, 0.3)).TerminalValuePerKwh, 9);
    }

    [Fact]
    public void Below_min_soc_charges_at_full_power_first_even_when_it_is_dear()
    {
        var schedule = _planner.Plan(Request(10, 0.9, 0.0, 0.0, 0.0));
        Assert.Equal(7400, schedule.Slots[0].SetPoint.Watts, 6);
    }

    [Fact]
    public void Meets_a_target_in_the_cheapest_hours_before_it()
    {
        var request = Request(20, 0.3, 0.1, 0.3, 0.3, 0.0, 0.3) with
        {
            Targets = [new SocTarget(Midnight.AddHours(4), new Percent(40))],
        };
        var schedule = _planner.Plan(request);
        Assert.True(schedule.TargetsMet);
        Assert.True(EnergyIn(schedule, 1, 2) > 7, "the cheap hour is used in full");
    }

    [Fact]
    public void An_unreachable_target_charges_at_full_power_and_reports_the_shortfall()
    {
        var request = Request(20, 0.5, 0.5, 0.1) with { Targets = [new SocTarget(Midnight.AddHours(2), new Percent(60))] };
        var schedule = _planner.Plan(request);
        Assert.False(schedule.TargetsMet);
        Assert.All(schedule.Slots.Take(24), s => Assert.Equal(7400, s.SetPoint.Watts, 6));
        var reachable = 20 + 2 * 7.4 * Math.Sqrt(0.85) / 62 * 100;
        Assert.Equal(60 - reachable, schedule.Targets[0].Shortfall.Value, 6);
        Assert.Equal(schedule.Targets[0].Shortfall, schedule.MaxShortfall);
    }

    [Fact]
    public void A_target_above_max_soc_lifts_the_ceiling_until_then()
    {
        var request = Request(70, 0.1, 0.1, 0.1, 0.1) with { Targets = [new SocTarget(Midnight.AddHours(4), new Percent(90))] };
        var schedule = _planner.Plan(request);
        Assert.True(schedule.TargetsMet);
        Assert.Equal(90, schedule.Targets[0].ExpectedSoc.Value, 6);
    }

    [Fact]
    public void Above_max_soc_at_plug_in_it_comes_down_to_max_within_the_allowed_time()
    {
        var prices = Enumerable.Repeat(0.1, 10).ToArray();
        var request = Request(95, prices) with { Settings = new() { AllowedTimeAboveMax = TimeSpan.FromHours(3) } };
        var schedule = _planner.Plan(request);
        Assert.True(schedule.Slots[35].SocAtEnd.Value <= 80 + 1e-6);
        Assert.All(schedule.Slots, s => Assert.True(s.SetPoint.Watts <= 0));
    }

    [Fact]
    public void Stays_idle_while_the_car_is_away()
    {
        var request = Request(50, 0.0, 0.0, 0.5, 0.5) with { Absences = [new Absence(Midnight.AddMinutes(30), Midnight.AddHours(3))] };
        var schedule = _planner.Plan(request);
        Assert.All(schedule.Slots.Where(s => s.Start >= Midnight.AddMinutes(30) && s.Start < Midnight.AddHours(3)),
            s => Assert.Equal(0, s.SetPoint.Watts));
        Assert.True(EnergyIn(schedule, 3, 4) < -1, "sells once back");
    }

    [Fact]
    public void The_emissions_objective_charges_when_the_grid_is_clean_whatever_the_price()
    {
        var request = Request(20, 0.1, 0.3, 0.3) with
        {
            Objective = PlanObjective.Emissions,
            CarbonIntensities = Hourly(new CarbonIntensity(500), new CarbonIntensity(50), new CarbonIntensity(500)),
            Targets = [new SocTarget(Midnight.AddHours(3), new Percent(30))],
        };
        var schedule = _planner.Plan(request);
        Assert.True(schedule.TargetsMet);
        Assert.True(EnergyIn(schedule, 1, 2) > 6.2 / Math.Sqrt(0.85) - 1e-6);
        Assert.Equal(0, EnergyIn(schedule, 0, 1), 6);
        Assert.True(schedule.ExpectedEmissionsKg > 0);
    }

    [Fact]
    public void The_emissions_objective_needs_intensities() =>
        Assert.Throws<ArgumentException>(() => _planner.Plan(Request(50, 0.1) with { Objective = PlanObjective.Emissions }));
}
