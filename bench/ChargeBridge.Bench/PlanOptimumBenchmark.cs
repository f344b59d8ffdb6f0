using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Core.Planning;
using ChargeBridge.Optimum;

namespace ChargeBridge.Bench;

/// <summary>
/// Our plans against GLPK's optimum of the same model over every daily window of 2024: the ratio of the year's
/// energy cost (ours / GLPK) and the largest difference in the objective, plus both solvers' time per window.
/// </summary>
internal sealed class PlanOptimumBenchmark : IBenchmark
{
    public string Name => "plan-optimum";

    public Task RunAsync(string[] args)
    {
        var year = PlanWindows.Year();
        double oursCost = 0, glpkCost = 0, worstGap = 0;
        var oursMs = new List<double>();
        var glpkMs = new List<double>();
        var windows = 0;
        var targetsMissed = 0;
        foreach (var request in PlanWindows.All(year))
        {
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var clock = Stopwatch.StartNew();
            var ours = LocalPlanner.SetPoints(problem);
            oursMs.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var glpk = GlpkOptimum.Solve(problem);
            glpkMs.Add(clock.Elapsed.TotalMilliseconds);

            var ourSchedule = problem.Evaluate(ours);
            oursCost += ourSchedule.ExpectedCostEur;
            glpkCost += problem.Evaluate(glpk.SetPointsW).ExpectedCostEur;
            if (!ourSchedule.TargetsMet) targetsMissed++;
            worstGap = Math.Max(worstGap, (problem.ObjectiveOf(ours) - glpk.Objective) / Math.Max(1, Math.Abs(glpk.Objective)));
            windows++;
        }
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"""
            | windows | year cost ours EUR | year cost GLPK EUR | ratio ours / GLPK | worst objective gap (relative) | targets missed |
            |---:|---:|---:|---:|---:|---:|
            | {windows} | {oursCost:0.0000} | {glpkCost:0.0000} | {oursCost / glpkCost:0.000000} | {worstGap:0.0e+0} | {targetsMissed} |

            | solver | median ms | p95 ms | max ms |
            |---|---:|---:|---:|
            | local optimiser | {Stats.Median(oursMs):0.000} | {Stats.Percentile(oursMs, 95):0.000} | {oursMs.Max():0.000} |
            | GLPK glpsol (incl. process start) | {Stats.Median(glpkMs):0.0} | {Stats.Percentile(glpkMs, 95):0.0} | {glpkMs.Max():0.0} |
            """));
        return Task.CompletedTask;
    }
}
