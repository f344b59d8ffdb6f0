using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Site;

/// <summary>One moment of a site: its meters' latest readings (null where the site has no such meter) and the power
/// each loadpoint's charger reports (+ charging, − discharging).</summary>
public sealed record SiteReadings(DateTimeOffset At, MeterReading? Grid, MeterReading? Pv, MeterReading? Battery, IReadOnlyList<Power> Loadpoints);
