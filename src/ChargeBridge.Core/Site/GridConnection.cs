using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Site;

/// <summary>The site's connection to the grid: how much it may import and export (magnitudes; null: no limit) and how
/// old its meter's value may be before control stops acting on it.</summary>
public sealed record GridConnection(Power? ImportLimit, Power? ExportLimit)
{
    public static readonly GridConnection Unlimited = new(null, null);

    /// <summary>A meter value older than this is stale: load following and the grid limit fall back to a safe state.</summary>
    public TimeSpan MeterStaleAfter { get; init; } = TimeSpan.FromSeconds(30);
}
