using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// The site's power seen beside a loadpoint's: <see cref="Grid"/> at the grid meter (+ import, − export) and
/// <see cref="Loadpoints"/> the sum of all loadpoints' power (+ charging), this one included, both read together.
/// </summary>
public readonly record struct SitePower(Power Grid, Power Loadpoints)
{
    /// <summary>The grid and loadpoints of a balance, or null when it has no grid reading (no grid meter, or the meter
    /// was stale or not read yet: <see cref="SiteBalance.Grid"/> is null then).</summary>
    public static SitePower? From(SiteBalance? balance) =>
        balance is { Grid: { } grid } ? new SitePower(grid, balance.Loadpoints) : null;
}

/// <summary>
/// Splits a loadpoint's energy by where it came from or went, one 5-minute interval at a time (the intervals of
/// <see cref="MeasurementAggregator"/>: the loadpoint's power p and the site's grid power g, import +, averaged over the
/// same time).
/// <para>
/// Rule: without this car the grid would have been g − p. Charging (p &gt; 0) takes first what would have been
/// exported: min(p, max(0, −(g − p))) is charged <b>from PV</b> (the site's surplus: PV, or a discharging house
/// battery), the rest <b>from the grid</b>. Discharging (p &lt; 0) covers first what would have been imported:
/// min(−p, max(0, g − p)) goes <b>to the house</b> (V2H), the rest is <b>exported</b> to the grid.
/// </para>
/// <para>
/// Several loadpoints: the loadpoints going the same way as this one (all charging, or all discharging) share fairly,
/// in proportion to their power, what the site without all of them would have exported (or imported). With the
/// loadpoints' sum L from the site reading and this one's p, the others go the same way when L − p has p's sign; then
/// the group's power is L, the site without the group g − L, the group's local part min(L, max(0, −(g − L)))
/// (charging) and this loadpoint's share of it p / L. Two cars of 3 kW charging on 4 kW of surplus each get 2 kW from
/// PV, 1 kW from the grid. A loadpoint going the other way (one car discharging while another charges) counts as part
/// of the house, so with one loadpoint (L = p) this is exactly the rule above. No loadpoint is ever given more than the
/// site had: the group's local part never exceeds the surplus (or the import) without the group.
/// </para>
/// <para>
/// Without a site reading (no grid meter, the meter stale, or any observed part of the interval without one) the split
/// is unknown: the interval's energy counts in <see cref="EnergyTotals.Charged"/> and <see cref="EnergyTotals.Discharged"/>
/// as always but in none of the source totals, so it shows as <see cref="EnergyTotals.ChargedUnattributed"/> /
/// <see cref="EnergyTotals.DischargedUnattributed"/>. Nothing is guessed; the totals never lose energy.
/// </para>
/// The balance comes from the site loop's latest read (every 10 s), so g and L may be some seconds older than p; over
/// an interval this evens out.
/// </summary>
public static class EnergySources
{
    /// <summary>
    /// The share (0…1) of the loadpoint's power that stays on the site in an interval: for charging the part taken
    /// from the site's surplus (PV), for discharging the part covering the house's load (V2H). The rest is from or to
    /// the grid. Null when it is unknown (no site reading, or a reading that is not a number); 0 for an idle loadpoint.
    /// </summary>
    public static double? LocalShare(Power loadpoint, SitePower? site)
    {
        if (site is not { } s || !double.IsFinite(s.Grid.Watts) || !double.IsFinite(s.Loadpoints.Watts) || !double.IsFinite(loadpoint.Watts))
            return null;
        var p = loadpoint.Watts;
        if (p == 0) return 0;
        var others = s.Loadpoints.Watts - p;
        // The loadpoints going this one's way share in proportion to power; the others are part of the house.
        var group = Math.Sign(others) == Math.Sign(p) ? s.Loadpoints.Watts : p;
        var without = s.Grid.Watts - group;
        var local = p > 0
            ? Math.Min(group, Math.Max(0, -without))
            : Math.Min(-group, Math.Max(0, without));
        return Math.Clamp(local / Math.Abs(group), 0, 1);
    }
}
