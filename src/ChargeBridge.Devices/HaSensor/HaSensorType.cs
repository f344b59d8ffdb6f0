using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.HaSensor;

/// <summary><c>type: ha-sensor</c>: a power meter read from one Home Assistant sensor.</summary>
public sealed class HaSensorType : IMeterType
{
    public string Name => "ha-sensor";

    public bool NeedsHomeAssistant => true;

    public string Description => "a power sensor in Home Assistant (P1 dongle, inverter, clamp meter); keys: Entity (sensor), Unit (auto, W or kW), Invert (false)";

    public string Hint => "check in Home Assistant's developer tools that the sensor exists, shows a number and updates";

    public IMeter? Create(DeviceSpec spec, DeviceContext context)
    {
        var entity = EntityKeys.Read(spec, "Entity", true, "the power", "sensor");
        var unit = spec.Choice("Unit", "auto", "auto", "W", "kW") switch
        {
            "W" => SensorUnit.Watts,
            "kW" => SensorUnit.Kilowatts,
            _ => SensorUnit.Auto,
        };
        var invert = spec.Bool("Invert", false);
        // Validation checks the keys only; the meter needs HA, which a validating context does not have.
        if (spec.Problems.Count > 0 || context.Validating) return null;
        if (context.Ha is null)
        {
            spec.Problem("Type", "ha-sensor needs Home Assistant: run ChargeBridge connected to HA (the add-on, or HomeAssistant:Host and Token set).");
            return null;
        }
        return new HaSensorMeter(new HaSensorOptions { Entity = entity!, Unit = unit, Invert = invert, Clock = context.Time }, context.Ha);
    }
}
