using ChargeBridge.Core.Planning;
namespace ChargeBridge.SitePlanning;

/// <summary>
/// The site's plan: one <see cref="Schedule"/> per loadpoint (in request order, the same type a single-car plan has),
/// the house battery's set points and SoC as a schedule of its own, the grid import and export per slot, the total
/// cost (Σ buy × import − Σ sell × export of the net, EUR, wear apart) and the value the solver minimised.
/// </summary>
public sealed record SiteSchedule(
    IReadOnlyList<Schedule> Loadpoints,
    Schedule? Battery,
    IReadOnlyList<SiteGridSlot> Grid,
    double ExpectedCostEur,
    double WearCostEur,
    double Objective)
{
    /// <summary>kWh beyond the grid limits that no plan could avoid (the house alone above the import limit, say); 0 normally.</summary>
    public double GridLimitExcessKwh { get; init; }

    /// <summary>Relative distance to the optimum the solver could still not rule out (objective − best bound, over
    /// max(1, |objective|)): 0 for an LP, ≤ <see cref="SitePlanner.RelativeMipGap"/> for a MILP proven in time.</summary>
    public double ProvenGap { get; init; }

    public bool TargetsMet => Loadpoints.All(l => l.TargetsMet);
}
