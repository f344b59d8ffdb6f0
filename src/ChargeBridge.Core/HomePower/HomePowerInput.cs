using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What one home-power step knows about a loadpoint at <see cref="Now"/>. <see cref="Grid"/> is the site's grid reading
/// (+ import) with its age. <see cref="InForce"/> is the set point the charger took last (+ charge, − discharge), whoever
/// sent it; <see cref="ChargerPower"/> what it delivers (null when unknown). <see cref="Planned"/> is the plan's set point
/// for the slot now (null without a schedule). In Automatic, <see cref="SolarInAutomatic"/> and
/// <see cref="HouseInAutomatic"/> say what the user allows; <see cref="Reserve"/> is the SoC the calendar targets need
/// (<see cref="TargetReserve"/>). <see cref="BatteryPower"/> (+ charging) and <see cref="BatterySoc"/> describe the house
/// battery when there is one.
/// </summary>
public readonly record struct HomePowerInput(
    DateTimeOffset Now,
    ChargeMode Mode,
    MeterReading Grid,
    Power InForce,
    Power? ChargerPower,
    bool CarConnected,
    Percent? Soc,
    ChargeSettings Settings,
    ChargerCapabilities Capabilities,
    Percent PracticalMaxSoc,
    Power? Planned,
    bool SolarInAutomatic,
    bool HouseInAutomatic,
    Percent Reserve,
    Power? BatteryPower,
    Percent? BatterySoc)
{
    /// <summary>When the car stops powering the house (<see cref="V2HPeriod"/>; null: unknown): load following spends
    /// the car's spare energy over the time left.</summary>
    public DateTimeOffset? DischargeUntil { get; init; }

    /// <summary>The PV production now (≥ 0) from the site's PV meter while it is fresh, else null: with it PV surplus
    /// charging tells clouds (the PV's spread) from the house's loads (<see cref="PvSurplusDampingWindow"/>).</summary>
    public Power? PvPower { get; init; }

    /// <summary>The site is in Backup (a grid outage, <see cref="BackupController"/>): the car follows the house's load
    /// (<see cref="HouseLoad"/>) down to min SoC, which carries the backup reserve (<see cref="BackupReserve"/>),
    /// whatever the mode.</summary>
    public bool Backup { get; init; }

    /// <summary>The house's own load (+ consumption) with its age, as the site's balance reads it; in Backup the car
    /// follows it, as the grid is not there to read.</summary>
    public MeterReading? HouseLoad { get; init; }

    /// <summary>The set point of a running frequency event (<see cref="FrequencyResponseController"/>); it leads over
    /// every mode, below Backup.</summary>
    public Power? FrequencyResponse { get; init; }
}
