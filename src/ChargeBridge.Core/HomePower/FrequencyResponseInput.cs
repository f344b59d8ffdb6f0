using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What frequency response knows at <see cref="Now"/>: the grid frequency in Hz (null: unknown or unavailable), the
/// local calendar day (the daily cap counts per day), whether a bidirectional car is connected, its SoC, what the
/// charger delivers (+ charge, − discharge; null: unknown, the set point is counted instead), the car's settings (min
/// SoC with the backup reserve applied, max SoC, the user's power limits) and the charger's.
/// </summary>
public readonly record struct FrequencyResponseInput(
    DateTimeOffset Now,
    DateOnly Today,
    double? Hz,
    bool CarConnected,
    Percent? Soc,
    Power? Delivered,
    ChargeSettings Settings,
    ChargerCapabilities Capabilities);
