namespace ChargeBridge.Core.Notifications;

/// <summary>
/// A condition that holds now, with the notification that announced it. <see cref="Occurrence"/> tells one episode
/// from the next (a new occurrence under the same tag is announced again); <see cref="Recovery"/> is sent when the
/// condition is over, or null when the notification is just cleared.
/// </summary>
public sealed record ActiveAlert(MobileNotification Notification, string Occurrence, DateTimeOffset Since, MobileNotification? Recovery = null)
{
    public string Tag => Notification.Tag;
}
