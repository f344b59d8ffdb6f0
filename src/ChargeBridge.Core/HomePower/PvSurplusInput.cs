using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What one surplus step sees. <see cref="Grid"/> and <see cref="BatteryPower"/> follow the meter sign (+ import or
/// battery charging, − export or battery discharging). <see cref="Capabilities"/> is for the phases in use now. A struct
/// passed by reference, so a step allocates nothing.
/// </summary>
public readonly record struct PvSurplusInput(
    DateTimeOffset Now,
    MeterReading Grid,
    Power CarPower,
    ChargerCapabilities Capabilities,
    PvSurplusMode Mode)
{
    /// <summary>Whether a car is plugged in; without one the set point is 0.</summary>
    public bool CarConnected { get; init; } = true;

    /// <summary>The house battery's power now (+ charging), when there is one.</summary>
    public Power? BatteryPower { get; init; }

    /// <summary>The house battery's SoC, when known.</summary>
    public Percent? BatterySoc { get; init; }

    /// <summary>The PV production now (≥ 0, the site's PV meter), when known: its spread, not the house's, damps the target.</summary>
    public Power? PvPower { get; init; }

    /// <summary>The car's SoC, when known.</summary>
    public Percent? CarSoc { get; init; }

    /// <summary>The SoC the car charges to at most; at or above it the car is full.</summary>
    public Percent PracticalMaxSoc { get; init; } = new(100);
}
