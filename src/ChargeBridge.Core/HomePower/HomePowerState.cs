namespace ChargeBridge.Core.HomePower;

/// <summary>What home power control does for a loadpoint, as the dashboard shows it.</summary>
public enum HomePowerState
{
    /// <summary>The mode uses no meter: the plan or the mode alone sets the power.</summary>
    Off,
    /// <summary>Automatic with load following or solar allowed, but the plan's set point holds now.</summary>
    FollowingPlan,
    /// <summary>Load following moves the set point with the grid (or holds it inside the dead band, or waits for a change to settle).</summary>
    Following,
    /// <summary>Surplus holds the charger's minimum; charging starts when the enable delay is over.</summary>
    WaitingForSurplus,
    /// <summary>Charging from PV surplus.</summary>
    ChargingFromSurplus,
    /// <summary>Min + solar: the surplus does not reach the charger's minimum, which the mode charges anyway.</summary>
    ChargingAtMinimum,
    /// <summary>Surplus is gone; charging stops when the disable delay is over.</summary>
    Stopping,
    /// <summary>Not enough surplus to charge.</summary>
    NoSurplus,
    /// <summary>The grid meter is stale or unread: no load following and no charging from surplus; the plan's set point
    /// (or Min + solar's promised minimum) holds.</summary>
    MeterStale,
    /// <summary>A limit holds the car: min SoC, the practical maximum, a power limit or the charger's minimum.</summary>
    AtLimit,
    /// <summary>Automatic: the car keeps what its calendar targets need, so it does not power the house.</summary>
    KeepingForTrip,
    /// <summary>Switching between one and three phases.</summary>
    SwitchingPhases,
    /// <summary>No car is plugged in.</summary>
    NoCar,
    /// <summary>A grid outage: the car powers the house down to the backup reserve.</summary>
    Backup,
    /// <summary>A frequency event: the car discharges (or charges) at the set power instead of following the plan.</summary>
    FrequencyResponse,
}
