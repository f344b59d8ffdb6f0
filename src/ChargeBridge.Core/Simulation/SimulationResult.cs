namespace ChargeBridge.Core.Simulation;

/// <summary>What one strategy did over the simulated sessions.</summary>
public sealed record SimulationResult(
    string Strategy,
    double NetCostEur,
    double ChargedKwh,
    double DischargedKwh,
    double EquivalentFullCycles,
    int Sessions,
    int TargetsMet,
    double ShortfallKwh,
    double FinalSocPct,
    int Plans,
    TimeSpan Elapsed);
