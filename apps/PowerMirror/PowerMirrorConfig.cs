using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.PowerMirror;

/// <summary>Which power sensor to mirror, and where, in kW.</summary>
public sealed class PowerMirrorConfig : IValidatableConfig
{
    /// <summary>A power sensor in W or kW (its unit_of_measurement says which).</summary>
    public string Source { get; set; } = "sensor.grid_power";
    public string Target { get; set; } = "sensor.chargebridge_grid_power_kw";
    public string FriendlyName { get; set; } = "Grid power";

    public IEnumerable<ConfigProblem> Validate()
    {
        if (!EntityIds.Valid(Source))
            yield return new(nameof(Source), $"'{Source}' is not an entity id: put a power sensor here, such as sensor.grid_power.");
        if (!EntityIds.Valid(Target, "sensor"))
            yield return new(nameof(Target), $"'{Target}' is not a sensor id: put the sensor to publish here, such as sensor.chargebridge_grid_power_kw.");
    }
}
