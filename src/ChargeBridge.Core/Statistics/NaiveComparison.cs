using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// A session's cost against naive charging. <see cref="SavingsEur"/> = naive cost − actual net cost − the value of
/// the energy naive charging would have stored beyond what the car actually ended with (at the session's mean buy
/// price), so ending a session with less in the battery is not counted as saving.
/// </summary>
public sealed record SessionSavings(double NaiveCostEur, double ActualNetCostEur, Energy NaiveExtraStored, double SavingsEur);

public static class NaiveComparison
{
    /// <summary>
    /// <paramref name="session"/> describes the plugged-in stretch: Start at plug-in, Soc at plug-in, Horizon until
    /// unplugging, the settings and prices. The naive cost comes from <see cref="NaivePlanner"/> evaluated by
    /// <see cref="PlanningProblem"/>, the same cost model every planner reports through.
    /// </summary>
    public static SessionSavings Compare(PlanRequest session, EnergyTotals actual, Percent actualEndSoc)
    {
        var problem = PlanningProblem.From(session);
        var naive = new NaivePlanner().Plan(session);
        var naiveEnd = naive.Slots.Count == 0 ? session.Soc : naive.Slots[^1].SocAtEnd;
        var extra = naiveEnd.Of(session.Settings.Capacity) - actualEndSoc.Of(session.Settings.Capacity);
        var savings = naive.ExpectedCostEur - actual.NetCostEur - extra.KilowattHours * problem.TerminalValuePerKwh;
        return new SessionSavings(naive.ExpectedCostEur, actual.NetCostEur, extra, savings);
    }
}
