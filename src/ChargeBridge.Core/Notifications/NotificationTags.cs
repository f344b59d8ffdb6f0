namespace ChargeBridge.Core.Notifications;

/// <summary>
/// The stable tag of each kind of notification: a recovery message reuses the tag of the alert it answers, so it
/// replaces it on the phone, and the apps can clear an alert by its tag.
/// </summary>
public static class NotificationTags
{
    public const string ChargerCommunication = "chargebridge_charger_communication";
    public const string ChargerRestart = "chargebridge_charger_restart";
    public const string ChargerAppSchedule = "chargebridge_charger_app_schedule";
    public const string ChargerLocked = "chargebridge_charger_locked";
    public const string BelowMinimumSoc = "chargebridge_below_min_soc";
    public const string MaxSocReached = "chargebridge_max_soc_reached";
    public const string Schedule = "chargebridge_schedule";
    public const string TargetUnreachable = "chargebridge_target_unreachable";
    public const string EventStillConnected = "chargebridge_event_still_connected";
    public const string ConnectReminder = "chargebridge_connect_reminder";
    public const string ChargeModeChanged = "chargebridge_charge_mode";
    public const string CarDisconnected = "chargebridge_car_disconnected";
    public const string SwitchToAutomatic = "chargebridge_switch_to_automatic";
    public const string NegativePrices = "chargebridge_negative_prices";
    public const string PriceData = "chargebridge_price_data";
    public const string HelpersMissing = "chargebridge_helpers_missing";
    public const string Backup = "chargebridge_backup";
    public const string FrequencyResponse = "chargebridge_frequency_response";
    public const string Telemetry = "chargebridge_telemetry";
    public const string MonthlySummary = "chargebridge_monthly_summary";
}
