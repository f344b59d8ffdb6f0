using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Telemetry;

/// <summary>One loadpoint in a <see cref="TelemetrySample"/>: what its charger reports delivering (charging positive,
/// discharging negative), the set point in force while the meters were read (a command the step sends shows in the
/// next sample) and the car's SoC (null: not known).</summary>
public sealed record LoadpointSample(string Name, Power Power, Power SetPoint, Percent? Soc);
