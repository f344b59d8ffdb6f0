using ChargeBridge.Core.Planning;
using ChargeBridge.Optimum;

namespace ChargeBridge.Core.Tests.Planning;

public class LocalPlannerMatchesGlpkTests
{
    /// <summary>The stated tolerance: our objective may exceed GLPK's by at most 1e-6 relative (floating-point rounding).</summary>
    public const double RelativeTolerance = 1e-6;

    [Fact]
    public void Objective_equals_the_glpk_optimum_on_generated_cases()
    {
        var (compared, _) = CompareWithGlpk(PlanCases.Sample(count: 120, seed: 4));
        Assert.True(compared >= 100, $"only {compared} cases had slots");
    }

    [Fact]
    public void Objective_equals_the_glpk_milp_optimum_where_negative_prices_make_the_model_non_convex()
    {
        var (compared, inverted) = CompareWithGlpk(PlanCases.Sample(PlanCases.NegativeRequests, count: 120, seed: 5));
        Assert.True(compared >= 100, $"only {compared} cases had slots");
        Assert.True(inverted >= 60, $"only {inverted} cases had an inverted slot");
    }

    /// <summary>Asserts our objective equals GLPK's on every case with slots; returns how many were compared and how
    /// many of those had an inverted slot.</summary>
    private static (int Compared, int Inverted) CompareWithGlpk(IEnumerable<PlanRequest> requests)
    {
        var (compared, inverted) = (0, 0);
        foreach (var generated in requests)
        {
            // GLPK's branch and bound cannot prove a 27 h MILP in 5-minute slots within minutes (up to 300 binaries, many
            // alike), so cases with an inverted slot are planned in hourly slots: at most 27 binaries.
            var request = PlanningProblem.From(generated).HasInvertedSlot ? generated with { SlotLength = TimeSpan.FromHours(1) } : generated;
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var ours = problem.ObjectiveOf(LocalPlanner.SetPoints(problem));
            var glpk = GlpkOptimum.Solve(problem);
            var tolerance = RelativeTolerance * (1 + Math.Abs(glpk.Objective));
            Assert.True(Math.Abs(ours - glpk.Objective) <= tolerance,
                $"ours {ours} vs glpsol {glpk.Objective} for {problem.SlotCount} slots from {request.Start:O}");
            compared++;
            if (problem.HasInvertedSlot) inverted++;
        }
        return (compared, inverted);
    }

    [Fact]
    public void Glpk_set_points_evaluate_to_the_objective_glpk_reports()
    {
        // Guards the reference itself: the model file and our evaluation describe the same problem.
        foreach (var request in PlanCases.Sample(count: 10, seed: 7))
        {
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var glpk = GlpkOptimum.Solve(problem);
            Assert.Equal(glpk.Objective, problem.ObjectiveOf(glpk.SetPointsW), 1e-6 * (1 + Math.Abs(glpk.Objective)));
        }
    }
}
