using ChargeBridge.Core.Planning;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.Planning;

/// <summary>FsCheck properties of the local planner over random prices, SoC, limits, targets and absences.</summary>
public class LocalPlannerPropertyTests
{
    private const double Tolerance = 1e-6;
    private static readonly LocalPlanner Planner = new();

    // A fixed seed per property keeps the run deterministic; change it to explore other cases.
    private static void Check(Func<PlanRequest, Schedule, bool> property, ulong seed = 20240101) =>
        Prop.ForAll(PlanCases.Requests.ToArbitrary(), request => property(request, Planner.Plan(request)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(new Replay(new Rnd(seed), null)));

    [Fact]
    public void Never_below_min_soc_and_rising_towards_it_when_started_below() =>
        Check((request, schedule) =>
        {
            var min = request.Settings.MinSoc.Value;
            return schedule.Slots.All(s => s.SocAtEnd.Value >= Math.Min(min, s.SocAtStart.Value) - Tolerance);
        });

    [Fact]
    public void Never_over_a_power_limit_and_idle_while_away() =>
        Check((request, schedule) => schedule.Slots.All(s =>
        {
            var away = request.Absences.Any(a => a.Start < s.End && a.End > s.Start);
            var w = s.SetPoint.Watts;
            return w <= (away ? 0 : request.Settings.MaxChargePower.Watts) + Tolerance
                && -w <= (away ? 0 : request.Settings.MaxDischargePower.Watts) + Tolerance;
        }));

    [Fact]
    public void Every_feasible_target_is_met_and_an_infeasible_one_gets_as_close_as_full_power_allows() =>
        Check((request, schedule) =>
        {
            var fastest = FullPowerSoc(request, schedule);
            return schedule.Targets.All(outcome =>
            {
                var reachable = fastest(outcome.Target.At);
                return reachable >= outcome.Target.Soc.Value - Tolerance
                    ? outcome.Met
                    : Math.Abs(outcome.ExpectedSoc.Value - reachable) <= 1e-4;
            });
        });

    [Fact]
    public void Reported_cost_is_the_cost_of_the_set_points_at_the_prices() =>
        Check((request, schedule) =>
        {
            var sell = request.SellPrices ?? request.BuyPrices;
            var cost = schedule.Slots.Sum(s =>
            {
                var kwh = s.SetPoint.Over(s.Length).KilowattHours;
                var price = kwh >= 0 ? request.BuyPrices.ValueAt(s.Start)!.Value : sell.ValueAt(s.Start)!.Value;
                return price.EurPerKwh * kwh;
            });
            return Math.Abs(cost - schedule.ExpectedCostEur) <= 1e-9 * (1 + Math.Abs(cost));
        });

    /// <summary>SoC (%) at each time when charging at full power in every slot the car is home, up to full.</summary>
    private static Func<DateTimeOffset, double> FullPowerSoc(PlanRequest request, Schedule schedule) => at =>
    {
        var s = request.Settings;
        var soc = request.Soc.Value;
        foreach (var slot in schedule.Slots.TakeWhile(slot => slot.End <= at))
        {
            var away = request.Absences.Any(a => a.Start < slot.End && a.End > slot.Start);
            if (away) continue;
            var stored = s.MaxChargePower.Over(slot.Length).KilowattHours * s.ChargeEfficiency;
            soc = Math.Min(100, soc + stored / s.Capacity.KilowattHours * 100);
        }
        return soc;
    };
}
