using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Site;

/// <summary>
/// A site's meters (grid, PV, house battery; each optional) read together into a <see cref="SiteBalance"/>. All are
/// read at once, so a slow meter costs its own timeout, not the sum of all; a meter that throws despite the
/// <see cref="IMeter"/> contract counts as a failed read, so a site step never fails for a meter.
/// </summary>
public sealed class SiteMeters(IMeter? grid, IMeter? pv, IMeter? battery, GridConnection connection, TimeProvider time)
{
    public IMeter? Grid => grid;
    public IMeter? Pv => pv;
    public IMeter? Battery => battery;

    public bool Any => All.Any();

    public IEnumerable<IMeter> All => new[] { grid, pv, battery }.OfType<IMeter>();

    public GridConnection Connection => connection;

    /// <summary>Reads every meter and makes the balance with the power each loadpoint's charger reports.</summary>
    public async Task<SiteBalance> ReadAsync(IReadOnlyList<Power> loadpoints, CancellationToken ct)
    {
        var reads = new[] { grid, pv, battery }.Select(meter => meter is null ? Task.FromResult<MeterReading?>(null) : ReadAsync(meter, ct)).ToArray();
        var readings = await Task.WhenAll(reads);
        return SiteBalance.Of(new SiteReadings(time.GetUtcNow(), readings[0], readings[1], readings[2], loadpoints), connection);
    }

    private async Task<MeterReading?> ReadAsync(IMeter meter, CancellationToken ct)
    {
        try
        {
            return await meter.RefreshAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return meter.Reading.Failed(time.GetUtcNow(), e.Message);
        }
    }
}
