using BenchmarkDotNet.Attributes;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Host;
using ChargeBridge.Optimum;

namespace ChargeBridge.Bench;

/// <summary>
/// Plan time for 27 h at 5 minutes (324 slots) on a real 2024 day, with allocations, by BenchmarkDotNet in process;
/// the baselines in the same run are GLPK solving the same model and the two simple planners. The negative-price case
/// plans 6–7 July 2024 at bare market prices (16 negative hours in the window, where the model is not convex); GLPK's
/// MILP of it does not finish within minutes, so it has no baseline of its own. The site case plans the same convex
/// window against a house: Amsterdam household 24378 on 8–9 March 2020 with the Konstanz roof's PV of 14–15 June 2016
/// on a 6 kWp roof, exporting at the bare market price (no net metering), under a 17 kW import and 10 kW export limit.
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
    private PlanRequest _site = null!;
    private PlanningProblem _siteProblem = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = PlanWindows.For(PlanWindows.Year(), new DateOnly(2024, 6, 12));
        _problem = PlanningProblem.From(_request);
        if (_problem.SlotCount != 27 * 12) throw new InvalidOperationException($"expected 324 slots, got {_problem.SlotCount}");
        _negative = PlanningProblem.From(PlanWindows.For(PlanWindows.MarketYear(), new DateOnly(2024, 7, 6)));
        if (!_negative.HasInvertedSlot) throw new InvalidOperationException("the negative-price window has no inverted slot");
        var year = PlanWindows.Year();
        _site = PlanWindows.For(year, new DateOnly(2024, 6, 12)) with { SellPrices = year.MarketPrices, Site = HouseDays(_request.Start) };
        _siteProblem = PlanningProblem.From(_site);
        if (_siteProblem.HasInvertedSlot) throw new InvalidOperationException("the site window is not convex");
    }

    /// <summary>The house and PV of two real days laid from local midnight of the plan's day.</summary>
    private static SiteForecast HouseDays(DateTimeOffset start)
    {
        var days = Enumerable.Range(0, 2).Select(day =>
        {
            using var amsterdam = File.OpenText(SimulateYear.DataFile("nl_amsterdam_heatpump_households_5min_2020.csv"));
            using var konstanz = File.OpenText(SimulateYear.DataFile("opsd_household_DE_KN_residential4_60min.csv"));
            return new HomeSimHouseDay(24378, new DateOnly(2020, 3, 8 + day), new DateOnly(2016, 6, 14 + day), Power.FromKilowatts(6))
                .Load(amsterdam, konstanz, TimeSpan.FromMinutes(5));
        }).ToList();
        return SiteForecast.Replaying(days, start - start.TimeOfDay, new GridConnection(Power.FromKilowatts(17), Power.FromKilowatts(10)));
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

    [Benchmark]
    public Schedule LocalOptimiserSite() => new LocalPlanner().Plan(_site);

    [Benchmark]
    public double[] LocalOptimiserSiteSetPointsOnly() => LocalPlanner.SetPoints(_siteProblem);

    [Benchmark]
    public GlpkSolution GlpkSiteModel() => GlpkOptimum.Solve(_siteProblem);
}
