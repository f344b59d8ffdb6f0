using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Telemetry;

/// <summary>
/// What one control step saw and decided, for long records: the site's meters (grid import positive, PV production
/// negative as <see cref="Site.SiteBalance"/> has it, the house battery, the house's own use; null where a meter is
/// missing or stale) and every loadpoint, at <paramref name="At"/>.
/// </summary>
public sealed record TelemetrySample(DateTimeOffset At, Power? Grid, Power? Pv, Power? Battery, Power? House, IReadOnlyList<LoadpointSample> Loadpoints);
