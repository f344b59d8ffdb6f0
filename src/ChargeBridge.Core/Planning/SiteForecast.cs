using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// What the site does around its loadpoints over the plan's horizon: the house's consumption and the PV's production
/// (mean power over each point, W, both ≥ 0) and the grid connection's limits. The site's net grid power per slot is
/// house − PV + Σ loadpoint power (+ house battery); a gap in either series counts as 0 W, so a missing forecast never
/// makes energy up.
/// </summary>
public sealed record SiteForecast
{
    public TimeSeries<Power>? HouseLoad { get; init; }
    public TimeSeries<Power>? PvPower { get; init; }
    public GridConnection Grid { get; init; } = GridConnection.Unlimited;
}
