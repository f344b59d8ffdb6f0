namespace ChargeBridge.Core.Site;

/// <summary>A home as ChargeBridge controls it: the grid connection and the site's meters (grid, PV, house battery),
/// and one or more loadpoints, each named uniquely (the single loadpoint of a one-charger home is unnamed).</summary>
public sealed record Site
{
    public Site(SiteMeters meters, IReadOnlyList<Loadpoint> loadpoints)
    {
        if (loadpoints.Count == 0) throw new ArgumentException("a site needs at least one loadpoint", nameof(loadpoints));
        if (loadpoints.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"loadpoint {twice.Key} is named more than once", nameof(loadpoints));
        if (loadpoints.Count > 1 && loadpoints.Any(l => l.Name.IsUnnamed))
            throw new ArgumentException("with several loadpoints each needs a name", nameof(loadpoints));
        (Meters, Loadpoints) = (meters, loadpoints);
    }

    public SiteMeters Meters { get; }
    public IReadOnlyList<Loadpoint> Loadpoints { get; }
    public GridConnection Grid => Meters.Connection;

    /// <summary>Reads the meters and makes the balance with every loadpoint's latest charger power.</summary>
    public Task<SiteBalance> ReadAsync(CancellationToken ct) => Meters.ReadAsync([.. Loadpoints.Select(l => l.Charger.Status.ActualPower)], ct);
}
