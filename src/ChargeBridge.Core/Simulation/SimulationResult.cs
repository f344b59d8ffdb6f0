namespace ChargeBridge.Core.Simulation;

/// <summary>What one strategy did over the simulated sessions; net cost is energy only, wear is apart.</summary>
public sealed record SimulationResult(
    string Strategy,
    double NetCostEur,
    double WearEur,
    double ChargedKwh,
    double DischargedKwh,
    double EquivalentFullCycles,
    int Sessions,
    int TargetsMet,
    double ShortfallKwh,
    double FinalSocPct,
    int Plans,
    TimeSpan Elapsed);
