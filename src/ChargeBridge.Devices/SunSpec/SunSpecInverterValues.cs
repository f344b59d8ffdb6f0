using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>What a simulated three-phase inverter (model 103) reports. <see cref="Power"/> is its AC output,
/// positive while it produces. A NaN serves the point's "not implemented" value.</summary>
public sealed record SunSpecInverterValues(Power Power, IReadOnlyList<double> PhaseVolts, IReadOnlyList<double> PhaseAmps, double Hertz, Energy Produced)
{
    public static readonly SunSpecInverterValues Idle = new(Power.Zero, [230, 230, 230], [0, 0, 0], 50, Energy.FromKilowattHours(1));
}
