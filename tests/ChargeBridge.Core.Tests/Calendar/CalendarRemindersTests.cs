using ChargeBridge.Core.Calendar;

namespace ChargeBridge.Core.Tests.Calendar;

public class CalendarRemindersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1));
    private static readonly CalendarEvent Trip = new(T0, T0.AddHours(2), "Office", "", false);

    private static IReadOnlyList<CalendarReminder> Due(double minutes, bool connected, params CalendarEvent[] events) =>
        CalendarReminders.Due(T0.AddMinutes(minutes), events.Length == 0 ? [Trip] : events, connected);

    [Theory]
    [InlineData(6.9, false)]
    [InlineData(7, true)]
    [InlineData(119, true)]
    [InlineData(120, false)]
    public void Still_connected_seven_minutes_after_the_start_asks_keep_or_dismiss(double minutes, bool due)
    {
        var reminders = Due(minutes, connected: true);
        Assert.Equal(due, reminders.Any(r => r is { Kind: ReminderKind.KeepOrDismissEvent } && r.Event == Trip));
        Assert.DoesNotContain(reminders, r => r.Kind == ReminderKind.PlugIn);
    }

    [Theory]
    [InlineData(126.9, false)]
    [InlineData(127, true)]
    [InlineData(600, true)]
    public void Not_connected_seven_minutes_after_the_end_reminds_to_plug_in(double minutes, bool due)
    {
        var reminders = Due(minutes, connected: false);
        Assert.Equal(due, reminders.Any(r => r is { Kind: ReminderKind.PlugIn } && r.Event == Trip));
        Assert.DoesNotContain(reminders, r => r.Kind == ReminderKind.KeepOrDismissEvent);
    }

    [Fact]
    public void Connected_after_the_end_or_unplugged_during_the_event_needs_no_reminder()
    {
        Assert.Empty(Due(130, connected: true));
        Assert.Empty(Due(30, connected: false));
    }

    [Fact]
    public void No_plug_in_reminder_while_another_event_runs_and_only_for_the_last_ended_one()
    {
        var longTrip = new CalendarEvent(T0.AddMinutes(-60), T0.AddHours(5), "Away", "", false);
        Assert.Empty(Due(130, false, Trip, longTrip));

        var later = new CalendarEvent(T0.AddHours(3), T0.AddHours(4), "Shop", "", false);
        var reminder = Assert.Single(Due(250, false, Trip, later));
        Assert.Equal(later, reminder.Event);
    }

    [Fact]
    public void No_events_no_reminders() => Assert.Empty(CalendarReminders.Due(T0, [], connected: false));
}
