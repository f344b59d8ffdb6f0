using BenchmarkDotNet.Attributes;
using ChargeBridge.Core.Planning;
using ChargeBridge.Host;
using ChargeBridge.Optimum;

namespace ChargeBridge.Bench;

/// <summary>
/// Plan time for 27 h at 5 minutes (324 slots) on a real 2024 day, with allocations, by BenchmarkDotNet in process;
/// the baselines in the same run are GLPK solving the same model and the two simple planners. The negative-price case
/// plans 6–7 July 2024 at bare market prices (16 negative hours in the window, where the model is not convex); GLPK's
/// MILP of it does not finish within minutes, so it has no baseline of its own.
/// </summary>
internal sealed class PlanTimeBenchmark : IBenchmark
{
    public string Name => "plan-time";

    public Task RunAsync(string[] args)
    {
        InProcessBenchmarks.Run<PlanTimeCases>();
        return Task.CompletedTask;
    }
}

/// <summary>The cases BenchmarkDotNet times; public because it generates code against them.</summary>
public class PlanTimeCases
{
    private PlanRequest _request = null!;
    private PlanningProblem _problem = null!;
    private PlanningProblem _negative = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = PlanWindows.For(PlanWindows.Year(), new DateOnly(2024, 6, 12));
        _problem = PlanningProblem.From(_request);
        if (_problem.SlotCount != 27 * 12) throw new InvalidOperationException($"expected 324 slots, got {_problem.SlotCount}");
        _negative = PlanningProblem.From(PlanWindows.For(PlanWindows.MarketYear(), new DateOnly(2024, 7, 6)));
        if (!_negative.HasInvertedSlot) throw new InvalidOperationException("the negative-price window has no inverted slot");
    }

    [Benchmark]
    public Schedule LocalOptimiser() => new LocalPlanner().Plan(_request);

    [Benchmark]
    public double[] LocalOptimiserSetPointsOnly() => LocalPlanner.SetPoints(_problem);

    [Benchmark]
    public Schedule CheapestSlots() => new CheapestSlotsPlanner().Plan(_request);

    [Benchmark]
    public Schedule Naive() => new NaivePlanner().Plan(_request);

    [Benchmark(Baseline = true)]
    public GlpkSolution GlpkSameModel() => GlpkOptimum.Solve(_problem);

    [Benchmark]
    public double[] LocalOptimiserNegativePrices() => LocalPlanner.SetPoints(_negative);
}
