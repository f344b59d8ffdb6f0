using ChargeBridge.SiteOptimum;
using ChargeBridge.SitePlanning;
using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Demo;
using ChargeBridge.Host;
using ChargeBridge.Optimum;

namespace ChargeBridge.Bench;

/// <summary>
/// The site planner against GLPK on the same model, in the same run: 27 h from 13:00 in 5-minute slots, two cars (the
/// simulation's 62 kWh car on a 7.4 kW bidirectional charger, away 07:00–17:00, 80 % by 07:00; a 40 kWh car on 11 kW
/// charge-only, 90 % by 08:00), a 10 kWh house battery (5 kW, 90 % round trip, 0.02 EUR/kWh wear), household 24378's
/// Amsterdam load of the same dates in 2020 and the Konstanz roof's PV of the same dates in 2016 scaled to 6 kWp, NL 2024
/// day-ahead prices as a household pays them (net metering), an 11 kW (3 × 16 A) import limit. One window per day
/// from 26 Feb to 9 Mar 2024 (the Amsterdam data ends on 11 Mar; no clock change in these dates). With the argument
/// <c>market</c> the bare market price is paid and earned instead (negative in 11 hours of 8–10 March): the windows
/// that reach them are MILPs; where GLPK does not prove one within its 2 minutes only our time and proven gap are given.
/// </summary>
internal sealed class SitePlanBenchmark : IBenchmark
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly Power PvPeak = Power.FromKilowatts(6);

    public string Name => "site-plan";

    public Task RunAsync(string[] args)
    {
        var market = args.Contains("market");
        var year = market ? PlanWindows.MarketYear() : PlanWindows.Year();
        var days = Enumerable.Range(0, 13).Select(i => new DateOnly(2024, 2, 26).AddDays(i)).ToList();
        var requests = days.Select(day => Request(year, day)).ToList();
        // Warm-up: JIT and the solvers' native libraries, not counted.
        new SitePlanner().Plan(requests[0]);

        var oursMs = new List<double>();
        var glpkMs = new List<double>();
        Console.WriteLine("""
            | day (13:00 local) | slots | solver | ours ms | GLPK ms | objective ours | objective GLPK | relative difference | proven gap | cost EUR | grid import max kW | targets met |
            |---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
            """);
        foreach (var (day, request) in days.Zip(requests))
        {
            var clock = Stopwatch.StartNew();
            var plan = new SitePlanner().Plan(request);
            oursMs.Add(clock.Elapsed.TotalMilliseconds);
            var problem = SiteProblem.From(request);
            var importKw = plan.Grid.Max(g => g.ImportKwh) / problem.SlotHours;
            var ours = string.Create(CultureInfo.InvariantCulture,
                $"| {day:yyyy-MM-dd} | {problem.SlotCount} | {(problem.IsConvex ? "GLOP (LP)" : "SCIP (MILP)")} | {oursMs[^1]:0.0} |");
            var rest = string.Create(CultureInfo.InvariantCulture, $"{plan.ProvenGap:0.0e+0} | {plan.ExpectedCostEur:0.00} | {importKw:0.00} | {plan.TargetsMet} |");
            clock.Restart();
            GlpkSiteOptimum.Solution glpk;
            try
            {
                glpk = GlpkSiteOptimum.Solve(problem);
            }
            catch (InvalidOperationException)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{ours} not proven in {clock.Elapsed.TotalSeconds:0} s | {plan.Objective:0.000000} | — | — | {rest}"));
                continue;
            }
            glpkMs.Add(clock.Elapsed.TotalMilliseconds);
            var difference = (plan.Objective - glpk.Objective) / Math.Max(1, Math.Abs(glpk.Objective));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ours} {glpkMs[^1]:0.0} | {plan.Objective:0.000000} | {glpk.Objective:0.000000} | {difference:0.0e+0} | {rest}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | solver | median ms | p95 ms | max ms |
            |---|---:|---:|---:|
            | site planner (OR-Tools, model build and evaluation included), all windows | {Stats.Median(oursMs):0.0} | {Stats.Percentile(oursMs, 95):0.0} | {oursMs.Max():0.0} |
            | GLPK glpsol, same model (process start included), {glpkMs.Count} windows it proved | {Stats.Median(glpkMs):0.0} | {Stats.Percentile(glpkMs, 95):0.0} | {glpkMs.Max():0.0} |

            Median GLPK / ours: {Stats.Median(glpkMs) / Stats.Median(oursMs):0.0}×
            """));
        return Task.CompletedTask;
    }

    private static SitePlanRequest Request(SimulateYear year, DateOnly day)
    {
        var first = PlanWindows.For(year, day);
        var start = first.Start;
        var second = new PlanRequest
        {
            Start = start,
            Soc = new Percent(30),
            BuyPrices = year.Settings.BuyPrices,
            Settings = new ChargeSettings
            {
                Capacity = Energy.FromKilowattHours(40),
                MaxChargePower = Power.FromKilowatts(11),
                MaxDischargePower = Power.Zero,
                MinSoc = new Percent(20),
                MaxSoc = new Percent(90),
            },
            Targets = [new SocTarget(Local(day.AddDays(1), 8), new Percent(90))],
        };
        var (house, pv) = HouseAndPv(day, day.AddDays(1));
        return new SitePlanRequest
        {
            Start = start,
            BuyPrices = year.Settings.BuyPrices,
            SellPrices = year.Settings.SellPrices,
            Loadpoints = [first, second],
            Battery = new HouseBattery
            {
                Capacity = Energy.FromKilowattHours(10),
                Soc = new Percent(50),
                MinSoc = new Percent(10),
                MaxSoc = new Percent(100),
                MaxChargePower = Power.FromKilowatts(5),
                MaxDischargePower = Power.FromKilowatts(5),
                RoundTripEfficiency = new Percent(90),
                WearCost = new EnergyPrice(0.02),
            },
            Forecast = new SiteForecast
            {
                HouseLoad = house,
                PvPower = pv,
                Grid = new GridConnection(Power.FromKilowatts(11), null),
            },
        };
    }

    /// <summary>The Amsterdam household's load of the same dates in 2020 and the Konstanz PV of the same dates in 2016,
    /// each local day moved onto its 2024 date.</summary>
    private static (TimeSeries<Power> House, TimeSeries<Power> Pv) HouseAndPv(params DateOnly[] days)
    {
        var house = new List<TimePoint<Power>>();
        var pv = new List<TimePoint<Power>>();
        var scale = HomeSimTraceReader.KonstanzPvScale(PvPeak);
        foreach (var day in days)
        {
            using var amsterdam = File.OpenText(SimulateYear.DataFile(DemoHouse.AmsterdamFile));
            var load = HomeSimTraceReader.Amsterdam(amsterdam, 24378, new DateOnly(2020, day.Month, day.Day));
            using var konstanz = File.OpenText(SimulateYear.DataFile(DemoHouse.KonstanzFile));
            var roof = HomeSimTraceReader.Konstanz(konstanz, new DateOnly(2016, day.Month, day.Day));
            var midnight = Local(day, 0);
            house.AddRange(load.House.Select((w, i) => new TimePoint<Power>(midnight + load.Step * i, w)));
            pv.AddRange(roof.Pv.Select((w, i) => new TimePoint<Power>(midnight + roof.Step * i, w * scale)));
        }
        return (new TimeSeries<Power>(house, TimeSpan.FromMinutes(5)), new TimeSeries<Power>(pv, TimeSpan.FromHours(1)));
    }

    private static DateTimeOffset Local(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }
}
