using System.Text.Json;

namespace ChargeBridge.Core.Notifications;

public enum NotificationChoice
{
    SwitchToAutomatic,
    KeepMode,
    KeepEvent,
    DismissEvent,
}

/// <summary>A button the user pressed, with the calendar event it concerns (for event choices) and any reply text.</summary>
public sealed record NotificationAnswer(NotificationChoice Choice, string? EventId, string? ReplyText, string? Tag)
{
    /// <summary>
    /// Reads the data of a `mobile_app_notification_action` event: `action` (the button's key), and where the
    /// platform sends them `reply_text` and `tag` (companion docs, actionable-notifications). Returns null for
    /// actions that are not ChargeBridge's or are malformed, so other automations' buttons are ignored.
    /// </summary>
    public static NotificationAnswer? Parse(JsonElement eventData)
    {
        if (eventData.ValueKind != JsonValueKind.Object) return null;
        var action = Text(eventData, "action");
        if (string.IsNullOrEmpty(action)) return null;
        var separator = action.IndexOf(NotificationActions.EventSeparator);
        var key = separator < 0 ? action : action[..separator];
        var eventId = separator < 0 ? null : action[(separator + 1)..];
        NotificationChoice? choice = key switch
        {
            NotificationActions.SwitchToAutomatic when eventId is null => NotificationChoice.SwitchToAutomatic,
            NotificationActions.KeepMode when eventId is null => NotificationChoice.KeepMode,
            NotificationActions.KeepEvent when !string.IsNullOrEmpty(eventId) => NotificationChoice.KeepEvent,
            NotificationActions.DismissEvent when !string.IsNullOrEmpty(eventId) => NotificationChoice.DismissEvent,
            _ => null,
        };
        return choice is { } c ? new NotificationAnswer(c, eventId, Text(eventData, "reply_text"), Text(eventData, "tag")) : null;
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
