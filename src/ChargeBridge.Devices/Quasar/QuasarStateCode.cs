using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Devices.Quasar;

/// <summary>The meaning of each value of register 537 (charger state), mapped onto the charger abstraction.</summary>
internal static class QuasarStateCode
{
    public const int NoCar = 0, Charging = 1, Waiting = 2, AppSchedule = 3, Paused = 4, ScheduleEnd = 5, Locked = 6,
        Error = 7, PowerSharingQueue = 8, PowerSharingError = 9, PowerBoostQueue = 10, Discharging = 11;

    /// <summary>State, whether a car is connected (null: the charger cannot tell), and the charger's own wording.</summary>
    public static (ChargerState State, bool? CarConnected, string Text) Describe(int code) => code switch
    {
        NoCar => (ChargerState.NoCar, false, "no car connected"),
        Charging => (ChargerState.Charging, true, "charging"),
        Waiting => (ChargerState.Waiting, true, "connected, waiting for car demand"),
        AppSchedule => (ChargerState.Paused, true, "connected, controlled by a schedule in the Wallbox app"),
        Paused => (ChargerState.Paused, true, "connected, paused"),
        ScheduleEnd => (ChargerState.Paused, true, "connected, end of app schedule"),
        Locked => (ChargerState.NoCar, false, "no car connected, charger locked"),
        Error => (ChargerState.Faulted, null, "charger error (state 7, common in the first minutes after a restart)"),
        PowerSharingQueue => (ChargerState.Paused, true, "connected, queued by Power Sharing"),
        PowerSharingError => (ChargerState.Faulted, null, "charger error: Power Sharing not configured (state 9)"),
        PowerBoostQueue => (ChargerState.Paused, true, "connected, queued by Power Boost (the house uses all power)"),
        Discharging => (ChargerState.Discharging, true, "discharging"),
        _ => (ChargerState.Faulted, null, $"unknown charger state {code}"),
    };

    public static bool IsRunning(int code) => code is Charging or Discharging;
}
