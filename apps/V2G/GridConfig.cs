using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>The site's grid connection: its meter (optional) and the limits of the main fuse or contract.</summary>
public sealed class GridConfig
{
    /// <summary>The grid meter as a device (<c>Type</c>: shelly-gen1, shelly-pro3em, ha-sensor, sunspec …); empty: none.</summary>
    public Dictionary<string, string> Meter { get; set; } = [];
    /// <summary>The most the site may import, W (main fuse × phases × 230 V); empty: no limit.</summary>
    public double? ImportLimitW { get; set; }
    /// <summary>The most the site may export, W; empty: no limit.</summary>
    public double? ExportLimitW { get; set; }

    /// <summary>The limits as the site and the planner use them.</summary>
    public GridConnection Connection => new(
        ImportLimitW is { } import ? Power.FromWatts(import) : null,
        ExportLimitW is { } export ? Power.FromWatts(export) : null);

    public IEnumerable<ConfigProblem> Validate(DeviceRegistry devices)
    {
        if (Meter.Count > 0)
            foreach (var problem in devices.Validate(DeviceSpec.From(Meter), DeviceKind.Meter)) yield return problem.Under(nameof(Meter));
        if (ImportLimitW is <= 0)
            yield return new(nameof(ImportLimitW), $"must be above 0 W, not {ImportLimitW}: the main fuse's current × phases × 230 V (25 A × 3 = 17250).");
        if (ExportLimitW is < 0)
            yield return new(nameof(ExportLimitW), $"must be 0 W or more, not {ExportLimitW}.");
    }
}
