namespace ChargeBridge.Core.HomePower;

/// <summary>Why a surplus step chose its set point.</summary>
public enum PvSurplusReason
{
    /// <summary>No car is plugged in.</summary>
    NotConnected,
    /// <summary>The car is at or above its practical max SoC.</summary>
    Full,
    /// <summary>The grid reading is stale or unknown: no surplus is assumed (MinPlusSolar keeps the minimum).</summary>
    StaleMeter,
    /// <summary>Surplus is below the charger's minimum.</summary>
    NotEnoughSurplus,
    /// <summary>Surplus holds the minimum; charging starts once the enable delay has passed.</summary>
    WaitingForSurplus,
    /// <summary>Charging at the damped surplus.</summary>
    ChargingFromSurplus,
    /// <summary>Surplus dipped below the minimum; the house battery carries the car at its minimum.</summary>
    HoldingOnBattery,
    /// <summary>Surplus cannot hold three phases but can hold one: the minimum holds until the phases are switched.</summary>
    HoldingForPhaseSwitch,
    /// <summary>Surplus dipped below the minimum; charging holds the minimum until the disable delay has passed.</summary>
    Stopping,
    /// <summary>MinPlusSolar with too little surplus: the charger's minimum.</summary>
    MinPlusSolarFloor,
}
