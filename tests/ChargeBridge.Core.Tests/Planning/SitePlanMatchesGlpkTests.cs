using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Optimum;
using ChargeBridge.Tests;
using static ChargeBridge.Core.Tests.Planning.LocalPlannerMatchesGlpkTests;

namespace ChargeBridge.Core.Tests.Planning;

/// <summary>The site-aware plan against GLPK's MILP of the same site model: equal objectives within 1e-6 relative.</summary>
public class SitePlanMatchesGlpkTests
{
    [Fact]
    public void Objective_equals_the_glpk_optimum_when_selling_pays_less_than_buying()
    {
        var (compared, kinked, nonConvex) = CompareWithGlpk(SitePlanCases.Sample(SitePlanCases.Selling.BelowBuying, count: 60, seed: 11));
        Assert.True(compared >= 50, $"only {compared} cases had slots");
        Assert.True(kinked >= 40, $"only {kinked} cases had a slot whose cost bends where the car meets PV − house");
        Assert.True(nonConvex < compared, "every case was non-convex: the convex path went untested");
    }

    [Fact]
    public void Objective_equals_the_glpk_milp_optimum_when_selling_pays_more_than_buying()
    {
        var (compared, kinked, nonConvex) = CompareWithGlpk(SitePlanCases.Sample(SitePlanCases.Selling.AboveBuying, count: 50, seed: 12));
        Assert.True(compared >= 40, $"only {compared} cases had slots");
        Assert.True(nonConvex >= 30, $"only {nonConvex} cases were non-convex");
        Assert.True(kinked >= 30, $"only {kinked} cases had a kinked slot");
    }

    [Fact]
    public void Objective_equals_the_glpk_milp_optimum_with_negative_prices()
    {
        var (compared, _, nonConvex) = CompareWithGlpk(SitePlanCases.Sample(SitePlanCases.Selling.NegativePrices, count: 50, seed: 13));
        Assert.True(compared >= 40, $"only {compared} cases had slots");
        Assert.True(nonConvex >= 25, $"only {nonConvex} cases were non-convex");
    }

    [Fact]
    public void Glpk_set_points_evaluate_to_the_objective_glpk_reports()
    {
        // Guards the reference itself: the site terms of the model file and our evaluation describe the same problem.
        foreach (var request in SitePlanCases.Sample(SitePlanCases.Selling.BelowBuying, count: 8, seed: 14))
        {
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var glpk = GlpkOptimum.Solve(problem);
            Assert.Equal(glpk.Objective, problem.ObjectiveOf(glpk.SetPointsW), 1e-6 * (1 + Math.Abs(glpk.Objective)));
        }
    }

    /// <summary>
    /// A real day: Amsterdam household 24378 on 8–9 March 2020 and the Konstanz roof's PV of 14–15 June 2016 on a 6 kWp
    /// roof, laid on 12–13 June 2024 from 13:00 local for 27 h, at NL day-ahead prices: import at (market + 0.1288) × 1.21,
    /// export at the bare market price (no net metering), a 17 kW import and 10 kW export limit.
    /// </summary>
    [Fact]
    public void Objective_equals_the_glpk_optimum_on_a_real_amsterdam_day_with_konstanz_pv()
    {
        var request = RealDay();
        var problem = PlanningProblem.From(request);
        Assert.Equal(27 * 12, problem.SlotCount);
        Assert.Contains(Enumerable.Range(0, problem.SlotCount), t => problem.BaseKwh[t] < 0);
        var ours = problem.ObjectiveOf(LocalPlanner.SetPoints(problem));
        var glpk = GlpkOptimum.Solve(problem);
        Assert.True(Math.Abs(ours - glpk.Objective) <= RelativeTolerance * (1 + Math.Abs(glpk.Objective)), $"ours {ours} vs glpsol {glpk.Objective}");
    }

    internal static PlanRequest RealDay()
    {
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var start = new DateTimeOffset(2024, 6, 12, 13, 0, 0, amsterdam.GetUtcOffset(new DateTime(2024, 6, 12, 13, 0, 0)));
        var market = NlDayAhead(start, start.AddHours(27));
        var tariff = new Tariff(new EnergyPrice(0.1288), 0.21);
        return new PlanRequest
        {
            Start = start,
            Soc = new Percent(50),
            Settings = new ChargeSettings(),
            Targets = [new SocTarget(start.AddHours(18), new Percent(80))],
            BuyPrices = tariff.NetPrices(market),
            SellPrices = market,
            Site = SiteForecast.Replaying(HouseDays(), start - start.TimeOfDay,
                new GridConnection(Power.FromKilowatts(17), Power.FromKilowatts(10))),
        };
    }

    /// <summary>Two house days and two PV days laid end to end from local midnight of the plan's day, 5-minute points.</summary>
    private static IEnumerable<HomeSimTrace> HouseDays()
    {
        for (var day = 0; day < 2; day++)
        {
            using var amsterdamCsv = File.OpenText(RepoPaths.SharedFile("data", "nl_amsterdam_heatpump_households_5min_2020.csv"));
            using var konstanzCsv = File.OpenText(RepoPaths.SharedFile("data", "opsd_household_DE_KN_residential4_60min.csv"));
            yield return new HomeSimHouseDay(24378, new DateOnly(2020, 3, 8 + day), new DateOnly(2016, 6, 14 + day), Power.FromKilowatts(6))
                .Load(amsterdamCsv, konstanzCsv, TimeSpan.FromMinutes(5));
        }
    }

    /// <summary>The NL day-ahead market price (EUR/kWh) over [from, to) from the jeroen.nl file: `datum_utc` and a decimal comma.</summary>
    private static TimeSeries<EnergyPrice> NlDayAhead(DateTimeOffset from, DateTimeOffset to)
    {
        var points = File.ReadLines(RepoPaths.SharedFile("data", "nl_day_ahead_2024_jeroen_nl.csv")).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => new TimePoint<EnergyPrice>(
                new DateTimeOffset(DateTime.Parse(f[1].Trim('"'), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
                new EnergyPrice(double.Parse(f[2].Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture))))
            .Where(p => p.Start >= from.AddHours(-1) && p.Start < to);
        return new TimeSeries<EnergyPrice>(points, TimeSpan.FromHours(1));
    }

    /// <summary>Asserts our objective equals GLPK's on every case with slots; returns how many were compared, how many had a
    /// kinked slot and how many were not convex.</summary>
    private static (int Compared, int Kinked, int NonConvex) CompareWithGlpk(IEnumerable<PlanRequest> requests)
    {
        var (compared, kinked, nonConvex) = (0, 0, 0);
        foreach (var generated in requests)
        {
            // A MILP per 5-minute slot would keep GLPK's branch and bound busy for minutes: non-convex cases are hourly and at most 12 h.
            var request = PlanningProblem.From(generated).HasInvertedSlot
                ? generated with { SlotLength = TimeSpan.FromHours(1), Horizon = generated.Horizon < TimeSpan.FromHours(12) ? generated.Horizon : TimeSpan.FromHours(12) }
                : generated;
            var problem = PlanningProblem.From(request);
            if (problem.SlotCount == 0) continue;
            var ours = problem.ObjectiveOf(LocalPlanner.SetPoints(problem));
            var glpk = GlpkOptimum.Solve(problem);
            Assert.True(Math.Abs(ours - glpk.Objective) <= RelativeTolerance * (1 + Math.Abs(glpk.Objective)),
                $"ours {ours} vs glpsol {glpk.Objective} for {problem.SlotCount} slots from {request.Start:O}");
            compared++;
            if (Enumerable.Range(0, problem.SlotCount).Any(t => problem.CostOf(t) is { ChargeKwh2: > 0 } or { DischargeKwh2: > 0 })) kinked++;
            if (problem.HasInvertedSlot) nonConvex++;
        }
        return (compared, kinked, nonConvex);
    }
}
