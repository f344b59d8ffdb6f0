using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Calendar;

public class CalendarPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChargeSettings Settings = new();

    private static CalendarEvent Event(double startHours, double endHours, string title = "") =>
        new(Now.AddHours(startHours), Now.AddHours(endHours), title, "", false);

    [Fact]
    public void Each_upcoming_event_gives_a_target_at_its_start_and_an_absence_for_its_duration()
    {
        var plan = CalendarPlan.From([Event(5, 8, "70 %"), Event(2, 3, "Gym")], Now, Settings, new Percent(97));
        Assert.Equal([new SocTarget(Now.AddHours(2), new Percent(80)), new SocTarget(Now.AddHours(5), new Percent(70))], plan.Targets);
        Assert.Equal([new Absence(Now.AddHours(2), Now.AddHours(3)), new Absence(Now.AddHours(5), Now.AddHours(8))], plan.Absences);
    }

    [Fact]
    public void A_running_event_keeps_its_absence_without_a_target_and_a_past_one_is_dropped()
    {
        var plan = CalendarPlan.From([Event(-1, 1, "90 %"), Event(-3, -2)], Now, Settings, new Percent(97));
        Assert.Empty(plan.Targets);
        Assert.Equal([new Absence(Now.AddHours(-1), Now.AddHours(1))], plan.Absences);
    }

    [Fact]
    public void The_fingerprint_changes_with_a_target_or_an_absence_and_only_then()
    {
        CalendarPlan Plan(params CalendarEvent[] events) => CalendarPlan.From(events, Now, Settings, new Percent(97));
        var plan = Plan(Event(2, 3, "70 %"));
        Assert.Equal(plan.Fingerprint, Plan(Event(2, 3, "70%")).Fingerprint);
        Assert.NotEqual(plan.Fingerprint, Plan(Event(2, 3, "71 %")).Fingerprint);
        Assert.NotEqual(plan.Fingerprint, Plan(Event(2, 4, "70 %")).Fingerprint);
        Assert.NotEqual(plan.Fingerprint, Plan(Event(2, 3, "70 %"), Event(5, 6, "70 %")).Fingerprint);
    }

    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Fact]
    public void A_learned_departure_joins_the_targets_in_time_order_and_changes_the_fingerprint()
    {
        var plan = CalendarPlan.From([Event(2, 3, "70 %")], Now, Settings, new Percent(97));
        var learned = new LearnedDeparture(Now.AddHours(20), new Percent(45), 4);
        var with = plan.WithLearned(learned, [Event(2, 3, "70 %")], Utc);
        Assert.Equal([new SocTarget(Now.AddHours(2), new Percent(70)), new SocTarget(Now.AddHours(20), new Percent(45))], with.Targets);
        Assert.Equal(learned, with.Learned);
        Assert.Equal(plan.Absences, with.Absences);
        Assert.NotEqual(plan.Fingerprint, with.Fingerprint);
        Assert.Same(plan, plan.WithLearned(null, [], Utc));
    }

    [Fact]
    public void A_calendar_event_on_the_learned_day_or_under_way_at_its_time_wins()
    {
        var plan = CalendarPlan.From([], Now, Settings, new Percent(97));
        // Now is 12:00 UTC; the learned departure is tomorrow 08:00 UTC.
        var learned = new LearnedDeparture(Now.AddHours(20), new Percent(45), 4);
        Assert.Null(plan.WithLearned(learned, [Event(30, 31)], Utc).Learned);
        Assert.Null(plan.WithLearned(learned, [Event(8, 22)], Utc).Learned);
        Assert.Equal(learned, plan.WithLearned(learned, [Event(2, 3), Event(40, 41)], Utc).Learned);
    }
}
