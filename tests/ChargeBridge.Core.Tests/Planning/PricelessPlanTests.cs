using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.Planning.Scenarios;

namespace ChargeBridge.Core.Tests.Planning;

public class PricelessPlanTests
{
    private readonly LocalPlanner _planner = new();

    /// <summary>A request with no prices at all, as the loop makes one when none covers now.</summary>
    private static PlanRequest Priceless(double soc, params SocTarget[] targets) =>
        PricelessPlan.For(Request(soc) with { Targets = targets });

    [Fact]
    public void A_trip_is_met_by_charging_just_what_it_needs_as_late_as_safely_possible()
    {
        var trip = new SocTarget(Midnight.AddHours(20), new Percent(80));
        var schedule = _planner.Plan(Priceless(40, trip));

        Assert.True(schedule.TargetsMet);
        Assert.Equal(Midnight.AddHours(27), schedule.End);
        Assert.Equal(Midnight, schedule.UnpricedFrom);
        // 40 → 80 % of 62 kWh takes about 3.6 h at 7.4 kW: idle until then, done an hour before the trip.
        Assert.Equal(0, EnergyIn(schedule, 0, 15), 6);
        Assert.True(schedule.Slots.Single(s => s.End == trip.At - PlanningProblem.UnpricedSafetyMargin).SetPoint.IsCharging);
        Assert.Equal(0, EnergyIn(schedule, 19, 27), 6);
        var atTrip = schedule.Slots.Last(s => s.End <= trip.At).SocAtEnd.Value;
        Assert.InRange(atTrip, 80 - 1e-6, 81);
    }

    [Fact]
    public void A_trip_due_in_three_hours_is_charged_for_at_once()
    {
        var trip = new SocTarget(Midnight.AddHours(3), new Percent(80));
        var schedule = _planner.Plan(Priceless(40, trip));

        Assert.All(schedule.Slots.Where(s => s.End <= trip.At), s => Assert.Equal(7400, s.SetPoint.Watts, 6));
        Assert.False(schedule.TargetsMet, "3 hours at 7.4 kW fall short of 40 %-points of 62 kWh; the shortfall is reported");
    }

    [Fact]
    public void A_short_trip_soon_is_charged_for_at_once_so_the_margin_holds()
    {
        var trip = new SocTarget(Midnight.AddMinutes(50), new Percent(45));
        var schedule = _planner.Plan(Priceless(40, trip));

        Assert.True(schedule.Slots[0].SetPoint.IsCharging);
        Assert.True(schedule.TargetsMet);
    }

    [Fact]
    public void Without_a_trip_nothing_is_charged_above_the_minimum_and_nothing_is_discharged()
    {
        var idle = _planner.Plan(Priceless(60));
        Assert.All(idle.Slots, s => Assert.Equal(0, s.SetPoint.Watts, 6));

        var low = _planner.Plan(Priceless(10));
        Assert.True(low.Slots[0].SetPoint.IsCharging, "below the minimum SoC it charges at once");
        Assert.All(low.Slots, s => Assert.True(s.SetPoint.Watts >= 0));
        Assert.InRange(low.Slots[^1].SocAtEnd.Value, 20 - 1e-6, 21);
    }

    [Theory]
    [InlineData(true, 10, PriceBasis.Current)]
    [InlineData(false, 10, PriceBasis.Kept)]
    [InlineData(false, 30, PriceBasis.None)]
    public void Prices_read_before_count_while_they_cover_now(bool current, int hoursLater, PriceBasis basis) =>
        Assert.Equal(basis, PriceBases.Choose(current, Scenarios.Prices(Enumerable.Repeat(0.2, 24).ToArray()), Midnight.AddHours(hoursLater)));

    [Fact]
    public void Without_any_prices_read_the_basis_is_none() =>
        Assert.Equal(PriceBasis.None, PriceBases.Choose<EnergyPrice>(false, null, Midnight));
}
