using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;

namespace ChargeBridge.Devices.HaSensor;

/// <summary>Reads a power from a sensor's state in the sensor's unit. Used by the <c>ha-sensor</c> meter and by the
/// <c>ha-entities</c> charger's power sensor.</summary>
internal static class SensorPower
{
    /// <summary>The power <paramref name="state"/> shows, or null with <paramref name="problem"/> saying why there is none.</summary>
    public static Power? Read(EntityState? state, SensorUnit unit, out string? problem)
    {
        problem = null;
        if (state is null)
        {
            problem = "the entity does not exist in Home Assistant";
            return null;
        }
        if (state.IsUnavailable)
        {
            problem = $"{state.EntityId} is {state.State ?? "unknown"}";
            return null;
        }
        if (state.NumericState is not { } value)
        {
            problem = $"{state.EntityId} shows '{state.State}', which is not a number";
            return null;
        }
        var declared = state.AttributeString("unit_of_measurement");
        switch (unit == SensorUnit.Auto ? UnitOf(declared) : unit)
        {
            case SensorUnit.Watts:
                return Power.FromWatts(value);
            case SensorUnit.Kilowatts:
                return Power.FromKilowatts(value);
            default:
                problem = $"{state.EntityId} is in '{declared}', not W or kW: set Unit to W or kW if its numbers are powers";
                return null;
        }
    }

    /// <summary>The unit a <c>unit_of_measurement</c> names; a sensor without one is taken to be in watts, as HA's
    /// power sensors mostly are. Auto stands for a unit that is not a power.</summary>
    public static SensorUnit UnitOf(string? unitOfMeasurement) => unitOfMeasurement?.Trim() switch
    {
        null or "" or "W" => SensorUnit.Watts,
        "kW" => SensorUnit.Kilowatts,
        _ => SensorUnit.Auto,
    };
}
