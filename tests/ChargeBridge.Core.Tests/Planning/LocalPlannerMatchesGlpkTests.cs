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
        var cases = PlanCases.Sample(count: 120, seed: 4);
        var compared = 0;
        foreach (var request in cases)
        {
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var ours = problem.ObjectiveOf(LocalPlanner.SetPoints(problem));
            var glpk = GlpkOptimum.Solve(problem);
            var tolerance = RelativeTolerance * (1 + Math.Abs(glpk.Objective));
            Assert.True(Math.Abs(ours - glpk.Objective) <= tolerance,
                $"ours {ours} vs glpsol {glpk.Objective} for {problem.SlotCount} slots from {request.Start:O}");
            compared++;
        }
        Assert.True(compared >= 100, $"only {compared} cases had slots");
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
