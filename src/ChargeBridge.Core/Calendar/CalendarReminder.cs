namespace ChargeBridge.Core.Calendar;

/// <summary>Which reminder a calendar event calls for.</summary>
public enum ReminderKind
{
    /// <summary>The car is still connected after the event started: ask whether to keep or dismiss the event.</summary>
    KeepOrDismissEvent,
    /// <summary>The car is not connected after the event ended: remind to plug in.</summary>
    PlugIn,
}

/// <summary>One reminder due for one event.</summary>
public sealed record CalendarReminder(ReminderKind Kind, CalendarEvent Event);
