namespace ChargeBridge.Core.HomePower;

/// <summary>Why load following chose its set point.</summary>
public enum LoadFollowingReason
{
    /// <summary>The set point follows the grid towards 0 W (possibly by a limited step).</summary>
    Following,

    /// <summary>The grid flow is within the dead band: nothing to correct.</summary>
    DeadBand,

    /// <summary>The last change has not settled yet, or no grid reading was taken since it settled.</summary>
    Settling,

    /// <summary>The grid meter is stale or has never been read: 0 W until it reads again.</summary>
    StaleMeter,

    /// <summary>The SoC is at or below min SoC plus the margin: no discharging.</summary>
    MinSocReached,

    /// <summary>The SoC is unknown: no discharging.</summary>
    SocUnknown,

    /// <summary>The SoC is at or above the practical maximum: no charging.</summary>
    PracticalMaxReached,

    /// <summary>The set point is held at the charger's or the user's maximum power.</summary>
    PowerLimit,

    /// <summary>The direction (or a charge-only charger) does not allow the flow the grid asks for.</summary>
    DirectionLimit,

    /// <summary>The power to follow is below what the charger can hold, so the car stays off or stops.</summary>
    BelowChargerMinimum,
}
