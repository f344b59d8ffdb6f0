using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Core.Planning;
using ChargeBridge.Host;
using ChargeBridge.Optimum;

namespace ChargeBridge.Bench;

/// <summary>
/// Our plans against GLPK's optimum of the same model over every daily window of 2024, at household prices and at
/// bare market prices for buying and selling (negative on 96 days, where GLPK solves the one-direction-per-slot MILP):
/// the year's energy cost (ours / GLPK), the worst day's cost and objective against GLPK's, and both solvers' time.
/// The market-price windows are planned in hourly slots: in 5-minute slots GLPK's branch and bound does not close the
/// gap of a day with a dozen negative hours (60 binaries, twelve alike per hour) within minutes.
/// </summary>
internal sealed class PlanOptimumBenchmark : IBenchmark
{
    public string Name => "plan-optimum";

    public Task RunAsync(string[] args)
    {
        Console.WriteLine("""
            | prices | slots | windows | with inverted slots | year cost ours EUR | year cost GLPK EUR | ratio ours / GLPK | worst day: cost ours − GLPK EUR | worst day: objective gap (relative) | targets missed |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
            """);
        var oursMs = new List<double>();
        var glpkMs = new List<double>();
        Compare("household (market + 0.1288, 21 % VAT), net metering", PlanWindows.Year(), TimeSpan.FromMinutes(5), oursMs, glpkMs);
        Compare("bare market price to buy and to sell", PlanWindows.MarketYear(), TimeSpan.FromHours(1), oursMs, glpkMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | solver (both) | median ms | p95 ms | max ms |
            |---|---:|---:|---:|
            | local optimiser | {Stats.Median(oursMs):0.000} | {Stats.Percentile(oursMs, 95):0.000} | {oursMs.Max():0.000} |
            | GLPK glpsol (incl. process start) | {Stats.Median(glpkMs):0.0} | {Stats.Percentile(glpkMs, 95):0.0} | {glpkMs.Max():0.0} |
            """));
        return Task.CompletedTask;
    }

    private static void Compare(string prices, SimulateYear year, TimeSpan slot, List<double> oursMs, List<double> glpkMs)
    {
        double oursCost = 0, glpkCost = 0, worstCost = double.NegativeInfinity, worstGap = double.NegativeInfinity;
        int windows = 0, inverted = 0, targetsMissed = 0;
        foreach (var request in PlanWindows.All(year))
        {
            var problem = PlanningProblem.From(request with { SlotLength = slot });
            if (problem.SlotCount == 0) continue;
            var clock = Stopwatch.StartNew();
            var ours = LocalPlanner.SetPoints(problem);
            oursMs.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var glpk = GlpkOptimum.Solve(problem);
            glpkMs.Add(clock.Elapsed.TotalMilliseconds);

            var ourSchedule = problem.Evaluate(ours);
            var glpkDayCost = problem.Evaluate(glpk.SetPointsW).ExpectedCostEur;
            oursCost += ourSchedule.ExpectedCostEur;
            glpkCost += glpkDayCost;
            worstCost = Math.Max(worstCost, ourSchedule.ExpectedCostEur - glpkDayCost);
            if (!ourSchedule.TargetsMet) targetsMissed++;
            if (problem.HasInvertedSlot) inverted++;
            worstGap = Math.Max(worstGap, (problem.ObjectiveOf(ours) - glpk.Objective) / Math.Max(1, Math.Abs(glpk.Objective)));
            windows++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {prices} | {slot.TotalMinutes:0} min | {windows} | {inverted} | {oursCost:0.0000} | {glpkCost:0.0000} | {oursCost / glpkCost:0.000000} | {worstCost:0.0000} | {worstGap:0.0e+0} | {targetsMissed} |"));
    }
}
