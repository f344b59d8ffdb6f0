namespace ChargeBridge.Core.Statistics;

/// <summary>Time-weighted averages over one 5-minute interval starting at <see cref="Start"/> (UTC-aligned):
/// charger power in MW (consumption positive, FlexMeasures' unit), SoC in % and availability in % of the time observed.</summary>
public sealed record MeasurementInterval(DateTimeOffset Start, double PowerMegawatts, double SocPercent, double AvailabilityPercent);

/// <summary>One observation of the charger, held until the next one.</summary>
public sealed record MeasurementSample(DateTimeOffset At, Core.Units.Power Power, Core.Units.Percent Soc, bool Available);
