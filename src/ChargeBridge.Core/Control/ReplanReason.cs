namespace ChargeBridge.Core.Control;

/// <summary>Why a new schedule is needed.</summary>
public enum ReplanReason
{
    StartUp,
    SettingsChanged,
    CarConnected,
    ModeChanged,
    CalendarChanged,
    SocChanged,
    NewPrices,
    /// <summary>The prices planned on are gone (none cover now any more): the plan falls back to <see cref="Planning.PricelessPlan"/>.</summary>
    PricesGone,
    Watchdog,
}
