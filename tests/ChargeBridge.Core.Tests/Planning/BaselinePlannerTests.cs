using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.Planning.Scenarios;

namespace ChargeBridge.Core.Tests.Planning;

public class BaselinePlannerTests
{
    [Fact]
    public void Naive_charges_at_full_power_from_plug_in_until_max_soc()
    {
        var schedule = new NaivePlanner().Plan(Request(50, 0.5, 0.5, 0.5, 0.0, 0.0, 0.0));
        Assert.Equal(7400, schedule.Slots[0].SetPoint.Watts, 6);
        Assert.Equal(80, schedule.Slots[^1].SocAtEnd.Value, 6);
        var lastCharging = schedule.Slots.Last(s => s.SetPoint.Watts > 0);
        Assert.All(schedule.Slots.TakeWhile(s => s != lastCharging), s => Assert.Equal(7400, s.SetPoint.Watts, 6));
        Assert.All(schedule.Slots, s => Assert.True(s.SetPoint.Watts >= 0));
    }

    [Fact]
    public void Cheapest_slots_fills_the_cheapest_hours_before_the_target()
    {
        var request = Request(20, 0.3, 0.1, 0.2, 0.3, 0.0) with { Targets = [new SocTarget(Midnight.AddHours(4), new Percent(40))] };
        var schedule = new CheapestSlotsPlanner().Plan(request);
        Assert.True(schedule.TargetsMet);
        Assert.Equal(20 + 7.4 * Math.Sqrt(0.85) / 62 * 100, schedule.Slots[23].SocAtEnd.Value, 6);
        Assert.Equal(7.4, EnergyIn(schedule, 1, 2), 6);
        Assert.Equal(0, EnergyIn(schedule, 0, 1), 6);
        Assert.Equal(0, EnergyIn(schedule, 4, 5), 6);
        Assert.Equal(40, schedule.Targets[0].ExpectedSoc.Value, 6);
    }

    [Fact]
    public void Cheapest_slots_charges_at_once_below_min_soc_and_never_discharges()
    {
        var schedule = new CheapestSlotsPlanner().Plan(Request(15, 0.9, 0.0, 0.9));
        Assert.Equal(7400, schedule.Slots[0].SetPoint.Watts, 6);
        Assert.Equal(20, schedule.Slots[^1].SocAtEnd.Value, 6);
        Assert.All(schedule.Slots, s => Assert.True(s.SetPoint.Watts >= 0));
    }

    [Fact]
    public void The_optimiser_is_never_worse_than_either_baseline_when_both_meet_the_targets()
    {
        foreach (var request in PlanCases.Sample(count: 80, seed: 11))
        {
            if (request.Objective != PlanObjective.Cost) continue;
            var problem = PlanningProblem.From(request);
            var ours = problem.ObjectiveOf(LocalPlanner.SetPoints(problem));
            foreach (var baseline in new[] { new CheapestSlotsPlanner().Plan(request), new NaivePlanner().Plan(request) })
            {
                var theirs = problem.ObjectiveOf(baseline.Slots.Select(s => s.SetPoint.Watts).ToArray());
                Assert.True(ours <= theirs + 1e-6 * (1 + Math.Abs(theirs)), $"ours {ours} > baseline {theirs}");
            }
        }
    }
}
