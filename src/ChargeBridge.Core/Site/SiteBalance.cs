using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Site;

/// <summary>
/// Where a site's power goes, from its meters and chargers: the house's own consumption is what the grid meter sees
/// minus PV (whose meter reads production as negative), the house battery and the loadpoints:
/// house = grid − pv − battery − Σ loadpoints. Every figure is null when a meter it needs is missing or stale, so
/// nothing downstream acts on a guess. <see cref="ImportHeadroom"/> is what the grid limit still allows on top of now.
/// </summary>
public sealed record SiteBalance(
    Power? Grid,
    Power? Pv,
    Power? Battery,
    Power Loadpoints,
    Power? House,
    Power? ImportHeadroom,
    MeterHealth GridHealth,
    IReadOnlyList<string> Problems)
{
    public static SiteBalance Of(SiteReadings readings, GridConnection grid)
    {
        var problems = new List<string>();
        Power? Fresh(MeterReading? reading, string name)
        {
            if (reading is null) return null;
            var health = reading.HealthAt(readings.At, grid.MeterStaleAfter);
            if (health is MeterHealth.Ok or MeterHealth.Degraded) return reading.Power;
            problems.Add($"{name} meter {(health == MeterHealth.Stale ? "stale" : "not read yet")}{(reading.Problem is { } p ? ": " + p : "")}");
            return null;
        }

        var gridPower = Fresh(readings.Grid, "grid");
        var pv = Fresh(readings.Pv, "PV");
        var battery = Fresh(readings.Battery, "battery");
        var loadpoints = readings.Loadpoints.Aggregate(Power.Zero, (sum, p) => sum + p);
        var complete = gridPower is not null && (readings.Pv is null || pv is not null) && (readings.Battery is null || battery is not null);
        Power? house = complete ? gridPower!.Value - (pv ?? Power.Zero) - (battery ?? Power.Zero) - loadpoints : null;
        Power? headroom = gridPower is { } g && grid.ImportLimit is { } limit ? limit - g : null;
        var gridHealth = readings.Grid?.HealthAt(readings.At, grid.MeterStaleAfter) ?? MeterHealth.Unknown;
        return new SiteBalance(gridPower, pv, battery, loadpoints, house, headroom, gridHealth, problems);
    }
}
