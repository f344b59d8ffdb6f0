namespace ChargeBridge.Core.Notifications;

/// <summary>
/// The action keys the product's buttons send back. Keys for a calendar event carry the event's id after a
/// colon, because the answer event reliably holds only the action (the tag is not sent by every platform).
/// </summary>
public static class NotificationActions
{
    public const string SwitchToAutomatic = "CHARGEBRIDGE_SWITCH_TO_AUTOMATIC";
    public const string KeepMode = "CHARGEBRIDGE_KEEP_MODE";
    public const string KeepEvent = "CHARGEBRIDGE_KEEP_EVENT";
    public const string DismissEvent = "CHARGEBRIDGE_DISMISS_EVENT";

    internal const char EventSeparator = ':';
}
