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
    Watchdog,
}
