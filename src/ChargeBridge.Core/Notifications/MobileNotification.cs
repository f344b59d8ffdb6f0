using System.Globalization;
using System.Text.Json.Nodes;

namespace ChargeBridge.Core.Notifications;

/// <summary>A button on an actionable notification: the key sent back in the answer event, and its label.</summary>
public sealed record NotificationButton(string Action, string Title);

/// <summary>
/// A notification for the Home Assistant companion app (`notify.mobile_app_&lt;device&gt;`). The service data
/// follows the companion docs (companion.home-assistant.io, notifications-basic, actionable-notifications,
/// critical-notifications): `message`, `title`, and under `data`: `tag` (a newer notification with the same tag
/// replaces the older one, and `clear_notification` removes it), `ttl` (seconds the push may wait; 0 with
/// `priority: high` delivers at once on Android), `actions: [{action, title}]`; critical ones add iOS
/// `push: {sound: {name: default, critical: 1, volume: 1.0}}` and Android `priority: high`, `ttl: 0`,
/// `channel: alarm_stream`, so they sound even in silent mode. Every notification is in the `group` ChargeBridge and
/// opens the ChargeBridge dashboard when tapped (`url` on iOS, `clickAction` on Android); the others go to the Android
/// channel ChargeBridge (its sound and importance are the user's to set on the phone), and time-sensitive ones (a
/// target that cannot be reached) carry iOS `push: {interruption-level: time-sensitive}`, which breaks through a
/// Focus, and Android `priority: high`.
/// </summary>
public sealed record MobileNotification(string Tag, string Title, string Message)
{
    /// <summary>The notify service of a device: `notify.mobile_app_&lt;device id&gt;`.</summary>
    public static (string Domain, string Service) ServiceFor(string deviceId) => ("notify", "mobile_app_" + deviceId);

    /// <summary>The notifications' group on the phone and their own Android channel.</summary>
    public const string Group = "ChargeBridge";

    /// <summary>Where a tap leads: the dashboard as ha-config/README.md registers it (`lovelace: dashboards: chargebridge-car`).</summary>
    public const string DashboardPath = "/chargebridge-car";

    public bool Critical { get; init; }

    /// <summary>Important but not critical: shown at once through a Focus or Do Not Disturb summary.</summary>
    public bool TimeSensitive { get; init; }

    /// <summary>How long the push may wait for a device that is offline; null leaves the platform default. Critical ones always go out at once (ttl 0).</summary>
    public TimeSpan? TimeToLive { get; init; }

    public IReadOnlyList<NotificationButton> Buttons { get; init; } = [];

    /// <summary>The command that removes the notification with <paramref name="tag"/> from the device.</summary>
    public static JsonObject ClearData(string tag) => new()
    {
        ["message"] = "clear_notification",
        ["data"] = new JsonObject { ["tag"] = tag },
    };

    public JsonObject ToServiceData()
    {
        var data = new JsonObject { ["tag"] = Tag, ["group"] = Group, ["url"] = DashboardPath, ["clickAction"] = DashboardPath };
        if (Critical)
        {
            data["ttl"] = 0;
            data["priority"] = "high";
            data["channel"] = "alarm_stream";
            data["push"] = new JsonObject
            {
                ["sound"] = new JsonObject { ["name"] = "default", ["critical"] = 1, ["volume"] = 1.0 },
            };
        }
        else
        {
            data["channel"] = Group;
            if (TimeSensitive)
            {
                data["priority"] = "high";
                data["push"] = new JsonObject { ["interruption-level"] = "time-sensitive" };
            }
            if (TimeToLive is { } ttl) data["ttl"] = (long)ttl.TotalSeconds;
        }
        if (Buttons.Count > 0)
            data["actions"] = new JsonArray(Buttons.Select(b => (JsonNode)new JsonObject { ["action"] = b.Action, ["title"] = b.Title }).ToArray());
        return new JsonObject { ["title"] = Title, ["message"] = Message, ["data"] = data };
    }

    internal static string LocalTime(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
