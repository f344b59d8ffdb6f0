using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What load following knows at <see cref="Now"/>. <see cref="Grid"/> is positive for import.
/// <see cref="ChargerPower"/> is what the charger reports delivering (+ charge, − discharge; null when unknown).
/// <see cref="LastSetPoint"/> is the set point in force, written at <see cref="LastSetPointAt"/> (null: not written by
/// load following, so nothing to wait for) by a change of <see cref="LastChange"/> (a magnitude; it sets how long
/// that change takes to settle). <see cref="Settings"/> gives min SoC and the user's power limits;
/// <see cref="PracticalMaxSoc"/> is the SoC the car still accepts power at.
/// </summary>
public readonly record struct LoadFollowingInput(
    DateTimeOffset Now,
    MeterReading Grid,
    Power? ChargerPower,
    Power LastSetPoint,
    DateTimeOffset? LastSetPointAt,
    Power LastChange,
    ChargerCapabilities Capabilities,
    Percent? Soc,
    ChargeSettings Settings,
    Percent PracticalMaxSoc,
    LoadFollowingDirection Direction)
{
    /// <summary>When the car stops powering the house (the end of the V2H period; null: unknown). Until then its spare
    /// energy, above <see cref="KeepSoc"/> or min SoC, may be spent on loads below the charger's minimum
    /// (<see cref="LoadFollowingSettings.SpareEnergyFactor"/>).</summary>
    public DateTimeOffset? DischargeUntil { get; init; }

    /// <summary>A SoC the car keeps above min SoC for what comes after the V2H period (Automatic: its calendar
    /// targets' reserve); only its spare energy is counted above it. Null: min SoC alone.</summary>
    public Percent? KeepSoc { get; init; }
}
