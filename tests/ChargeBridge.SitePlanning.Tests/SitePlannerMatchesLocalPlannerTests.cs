using ChargeBridge.Core.Tests.Planning;
using ChargeBridge.SitePlanning;
using ChargeBridge.Core.Planning;

namespace ChargeBridge.SitePlanning.Tests;

public class SitePlannerMatchesLocalPlannerTests
{
    /// <summary>The stated tolerance: the site planner's objective may differ from the exact single-car optimum by at
    /// most 1e-6 relative (the LP's feasibility tolerance and the MILP's gap are far below it).</summary>
    public const double RelativeTolerance = 1e-6;

    [Fact]
    public void One_loadpoint_alone_gets_the_local_planners_optimum_on_generated_cases()
    {
        var compared = Compare(PlanCases.Sample(count: 60, seed: 11));
        Assert.True(compared >= 50, $"only {compared} cases had slots");
    }

    [Fact]
    public void One_loadpoint_alone_gets_the_local_planners_optimum_with_negative_prices()
    {
        var requests = PlanCases.Sample(PlanCases.NegativeRequests, count: 60, seed: 12);
        var compared = Compare(requests);
        Assert.True(compared >= 50, $"only {compared} cases had slots");
        Assert.True(requests.Count(r => !SiteProblem.From(Alone(r)).IsConvex) >= 30, "too few cases needed the MILP");
    }

    /// <summary>The site request with <paramref name="request"/> as its only loadpoint and its prices as the site's.</summary>
    internal static SitePlanRequest Alone(PlanRequest request) => new()
    {
        Start = request.Start,
        SlotLength = request.SlotLength,
        Horizon = request.Horizon,
        Loadpoints = [request],
        BuyPrices = request.BuyPrices,
        SellPrices = request.SellPrices,
        Objective = request.Objective,
        CarbonIntensities = request.CarbonIntensities,
    };

    private static int Compare(IEnumerable<PlanRequest> requests)
    {
        var compared = 0;
        foreach (var generated in requests)
        {
            // SCIP finds the optimum of 5-minute slots through negative hours fast but may not prove it within its time
            // limit (hundreds of alike binaries), so those cases are planned in hourly slots, as for GLPK.
            var request = SiteProblem.From(Alone(generated)).IsConvex ? generated : generated with { SlotLength = TimeSpan.FromHours(1) };
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var local = problem.ObjectiveOf(LocalPlanner.SetPoints(problem));
            var site = new SitePlanner().Plan(Alone(request));
            Assert.True(site.ProvenGap <= SitePlanner.RelativeMipGap, $"gap {site.ProvenGap}");
            Assert.True(Math.Abs(site.Objective - local) <= RelativeTolerance * (1 + Math.Abs(local)),
                $"site {site.Objective} vs local {local} for {problem.SlotCount} slots from {request.Start:O}");
            Assert.Equal(local, problem.ObjectiveOf(site.Loadpoints[0].Slots.Select(s => s.SetPoint.Watts).ToList()),
                RelativeTolerance * (1 + Math.Abs(local)));
            compared++;
        }
        return compared;
    }
}
