using ChargeBridge.SiteOptimum;
using ChargeBridge.SitePlanning;
using ChargeBridge.Core.Planning;
using ChargeBridge.Optimum;

namespace ChargeBridge.SitePlanning.Tests;

public class SitePlannerMatchesGlpkTests
{
    /// <summary>The stated tolerance: the site planner's objective may differ from GLPK's by at most 1e-6 relative.</summary>
    public const double RelativeTolerance = 1e-6;

    [Fact]
    public void Two_loadpoints_a_battery_house_and_pv_get_the_glpk_optimum()
    {
        var compared = Compare(SiteCases.Sample(count: 40, seed: 21));
        Assert.Equal(40, compared.Cases);
    }

    [Fact]
    public void Two_loadpoints_a_battery_house_and_pv_get_the_glpk_milp_optimum_with_negative_prices()
    {
        // GLPK cannot prove a MILP of dozens of alike binaries within minutes, so these cases are planned in hourly slots.
        var compared = Compare(SiteCases.Sample(count: 30, seed: 22, lowPrice: -150, highPrice: 40, slotMinutes: 60));
        Assert.True(compared.NonConvex >= 15, $"only {compared.NonConvex} cases needed the MILP");
    }

    private static (int Cases, int NonConvex) Compare(IEnumerable<SitePlanRequest> requests)
    {
        var (cases, nonConvex) = (0, 0);
        foreach (var request in requests)
        {
            var problem = SiteProblem.From(request);
            var ours = new SitePlanner().Plan(request);
            var glpk = GlpkSiteOptimum.Solve(problem);
            var tolerance = RelativeTolerance * (1 + Math.Abs(glpk.Objective));
            Assert.True(Math.Abs(ours.Objective - glpk.Objective) <= tolerance,
                $"ours {ours.Objective} vs glpsol {glpk.Objective} for {problem.SlotCount} slots (convex: {problem.IsConvex})");
            // The reference itself: GLPK's set points evaluate to the objective it reports.
            Assert.Equal(glpk.Objective, problem.ObjectiveOf(glpk.SetPointsW), tolerance * 10);
            cases++;
            if (!problem.IsConvex) nonConvex++;
        }
        return (cases, nonConvex);
    }
}
