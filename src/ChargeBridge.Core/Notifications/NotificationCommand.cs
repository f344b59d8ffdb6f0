namespace ChargeBridge.Core.Notifications;

/// <summary>What to do on the users' phones.</summary>
public abstract record NotificationCommand;

/// <summary>Show <see cref="Notification"/> (replacing any with the same tag).</summary>
public sealed record SendNotification(MobileNotification Notification) : NotificationCommand;

/// <summary>Remove the notification with <see cref="Tag"/>, whose condition is over.</summary>
public sealed record ClearNotification(string Tag) : NotificationCommand;
