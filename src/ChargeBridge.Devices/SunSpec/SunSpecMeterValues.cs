using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>What a simulated wye meter (model 203) reports, per phase; its totals are the sums. Power is positive for
/// import as SunSpec defines it. A NaN serves the point's "not implemented" value.</summary>
public sealed record SunSpecMeterValues(
    IReadOnlyList<Power> PhasePower, IReadOnlyList<double> PhaseVolts, IReadOnlyList<double> PhaseAmps, double Hertz, Energy Imported, Energy Exported)
{
    public static readonly SunSpecMeterValues Idle = new([Power.Zero, Power.Zero, Power.Zero], [230, 230, 230], [0, 0, 0], 50,
        Energy.FromKilowattHours(1), Energy.FromKilowattHours(1));
}
