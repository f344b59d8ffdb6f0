namespace ChargeBridge.Core.Notifications;

/// <summary>What to do on the users' phones, about the notification with <see cref="Tag"/>.</summary>
public abstract record NotificationCommand
{
    public abstract string Tag { get; }
}

/// <summary>Show <see cref="Notification"/> (replacing any with the same tag).</summary>
public sealed record SendNotification(MobileNotification Notification) : NotificationCommand
{
    public override string Tag => Notification.Tag;
}

/// <summary>Remove the notification with <see cref="Tag"/>, whose condition is over.</summary>
public sealed record ClearNotification(string Tag) : NotificationCommand
{
    public override string Tag { get; } = Tag;
}
