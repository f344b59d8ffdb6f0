namespace ChargeBridge.Core.Simulation;

/// <summary>
/// What one strategy did over the simulated sessions. Import cost is Σ buy price × energy drawn, export revenue
/// Σ sell price × energy fed back (either may be negative with negative prices); net cost is energy only, wear is apart.
/// </summary>
public sealed record SimulationResult(
    string Strategy,
    double ImportCostEur,
    double ExportRevenueEur,
    double WearEur,
    double ChargedKwh,
    double DischargedKwh,
    double EquivalentFullCycles,
    int Sessions,
    int TargetsMet,
    double ShortfallKwh,
    double FinalSocPct,
    int Plans,
    TimeSpan Elapsed)
{
    public double NetCostEur => ImportCostEur - ExportRevenueEur;

    /// <summary>The whole site's bill and energy split, when the simulation has a household; null without one.</summary>
    public SiteResult? Site { get; init; }
}
