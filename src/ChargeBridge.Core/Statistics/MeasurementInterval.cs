namespace ChargeBridge.Core.Statistics;

/// <summary>Time-weighted averages over one 5-minute interval starting at <see cref="Start"/> (UTC-aligned):
/// charger power in MW (consumption positive, FlexMeasures' unit), SoC in % and availability in % of the time observed.
/// <see cref="Site"/> is the site's grid and loadpoints' power averaged over the same time, or null unless every observed
/// second had a site reading (see <see cref="EnergySources"/>).</summary>
public sealed record MeasurementInterval(DateTimeOffset Start, double PowerMegawatts, double SocPercent, double AvailabilityPercent, SitePower? Site = null);

/// <summary>One observation of the charger, held until the next one; <see cref="Site"/> is the site's power seen with it
/// (null when there is no grid reading).</summary>
public sealed record MeasurementSample(DateTimeOffset At, Core.Units.Power Power, Core.Units.Percent Soc, bool Available, SitePower? Site = null);
