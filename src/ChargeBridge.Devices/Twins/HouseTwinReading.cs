using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.Twins;

/// <summary>One refresh of <see cref="HouseTwin"/>: what its meters were set to and why.</summary>
/// <param name="At">The clock's time of the refresh.</param>
/// <param name="TraceAt">The trace's time played (the trace step that holds it; differs from <paramref name="At"/> when
/// the trace plays from another time, repeats or holds an edge).</param>
/// <param name="House">The house consumption from the trace (≥ 0 in real data).</param>
/// <param name="Pv">The PV production from the trace (positive).</param>
/// <param name="Chargers">The sum of the charger sources (positive charging, negative discharging).</param>
/// <param name="Grid">What the grid meter reads: house − PV + chargers, positive import.</param>
public sealed record HouseTwinReading(DateTimeOffset At, DateTimeOffset TraceAt, Power House, Power Pv, Power Chargers, Power Grid);
