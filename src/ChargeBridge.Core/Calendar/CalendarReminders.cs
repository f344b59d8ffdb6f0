namespace ChargeBridge.Core.Calendar;

/// <summary>
/// The reminders due now; the caller sends each once, tagged by its event. Keep-or-dismiss is due while an event
/// runs and the car is still connected <see cref="Delay"/> after its start. Plug-in is due for the last event that
/// ended, from <see cref="Delay"/> after its end while the car stays unplugged and no other event is running
/// (between overlapping or back-to-back trips the car is not expected home).
/// </summary>
public static class CalendarReminders
{
    /// <summary>Enough time to unplug and leave, or to come home and plug in, before the user is asked.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(7);

    public static IReadOnlyList<CalendarReminder> Due(DateTimeOffset now, IEnumerable<CalendarEvent> events, bool connected)
    {
        var list = events.ToList();
        var running = list.Where(e => e.Start <= now && now < e.End).OrderBy(e => e.Start).ToList();
        if (connected)
            return running.Where(e => now >= e.Start + Delay).Select(e => new CalendarReminder(ReminderKind.KeepOrDismissEvent, e)).ToList();
        if (running.Count > 0) return [];
        var lastEnded = list.Where(e => e.End <= now).MaxBy(e => e.End);
        return lastEnded is not null && now >= lastEnded.End + Delay ? [new CalendarReminder(ReminderKind.PlugIn, lastEnded)] : [];
    }
}
