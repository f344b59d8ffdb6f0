using System.Globalization;
using ChargeBridge.Core.HomePower;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.V2G;

/// <summary>A loadpoint's home-power sensors: what control does now (and why, with the time left on a delay), and the
/// phases in use.</summary>
internal static class HomePowerSensors
{
    public static async Task PublishAsync(ISensorPublisher publisher, LoadpointRuntime loadpoint, HomePowerStep step, GridLimitGrant? grant)
    {
        var entities = loadpoint.Entities;
        var limited = grant is { Limited: true };
        await publisher.PublishAsync(entities.HomePower, limited ? "limited_by_grid" : StateName(step.State), new Dictionary<string, object?>
        {
            ["friendly_name"] = entities.Label("Home power control"),
            ["icon"] = "mdi:home-lightning-bolt",
            ["reason"] = (object?)step.FollowingReason?.ToString() ?? step.SurplusReason?.ToString(),
            ["remaining_s"] = step.Remaining is { } left ? Math.Round(left.TotalSeconds) : null,
            ["surplus_w"] = step.Surplus is { } surplus ? Math.Round(surplus.Watts) : null,
            ["set_point_w"] = (limited ? grant!.Granted : step.SetPoint) is { } setPoint ? Math.Round(setPoint.Watts) : null,
            ["grid_limited"] = limited,
            ["grid_limit_reason"] = limited ? grant!.Reason.ToString() : null,
        }, CancellationToken.None);
        var capabilities = loadpoint.Charger.Capabilities;
        await publisher.PublishAsync(entities.Phases, capabilities.Phases.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["friendly_name"] = entities.Label("Charger phases"),
            ["icon"] = "mdi:sine-wave",
            ["can_switch"] = capabilities.CanSwitchPhases,
        }, CancellationToken.None);
    }

    /// <summary>The state in snake case, as HA shows enum-like states (<c>waiting_for_surplus</c>).</summary>
    public static string StateName(HomePowerState state) => HelperDefinition.Slugify(
        string.Concat(state.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())));
}
