namespace ChargeBridge.Apps.PowerMirror;

/// <summary>Which power sensor to mirror, and where, in kW.</summary>
public sealed class PowerMirrorConfig
{
    /// <summary>A power sensor in W or kW (its unit_of_measurement says which).</summary>
    public string Source { get; set; } = "sensor.grid_power";
    public string Target { get; set; } = "sensor.chargebridge_grid_power_kw";
    public string FriendlyName { get; set; } = "Grid power";
}
