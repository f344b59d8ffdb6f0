using ChargeBridge.Core.HomePower;
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

    /// <summary>
    /// The forecast a recorded or simulated house makes: <paramref name="traces"/> laid end to end from
    /// <paramref name="from"/>, each keeping its own step (a replay of real days as if they were the days ahead).
    /// </summary>
    public static SiteForecast Replaying(IEnumerable<HomeSimTrace> traces, DateTimeOffset from, GridConnection grid)
    {
        var house = new List<TimePoint<Power>>();
        var pv = new List<TimePoint<Power>>();
        TimeSpan? step = null;
        var at = from;
        foreach (var trace in traces)
        {
            if (step is { } known && known != trace.Step) throw new ArgumentException($"the traces' steps differ: {known} and {trace.Step}");
            step = trace.Step;
            for (var i = 0; i < trace.Count; i++, at += trace.Step)
            {
                house.Add(new(at, trace.House[i]));
                pv.Add(new(at, trace.Pv[i]));
            }
        }
        var resolution = step ?? TimeSpan.FromMinutes(5);
        return new SiteForecast { HouseLoad = new(house, resolution), PvPower = new(pv, resolution), Grid = grid };
    }
}
