using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Calendar;

public class LearnedDeparturesTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly ChargeSettings Settings = new();
    private static readonly Percent PracticalMax = new(97);
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static DateTimeOffset Local(DateOnly day, int hour, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), Amsterdam.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, minute))));

    /// <summary>The car plugged in the evening before each day at 80 % less the trip before, and left that day at 80 %.</summary>
    private static List<PastSession> Departures(params (DateOnly Day, TimeOnly Leaves, double UseBefore)[] days) =>
        days.Select(d => new PastSession(Local(d.Day.AddDays(-1), 18), Local(d.Day, d.Leaves.Hour, d.Leaves.Minute), new Percent(80 - d.UseBefore), new Percent(80)))
            .ToList();

    private static LearnedDeparture? Propose(IEnumerable<PastSession> history, DateTimeOffset now, ChargeSettings? settings = null, Percent? practicalMax = null) =>
        LearnedDepartures.Propose(history, now, Amsterdam, settings ?? Settings, practicalMax ?? PracticalMax);

    /// <summary>Mondays 1–6 weeks before <see cref="Monday"/>, leaving at 07:00 + 10 min per week back; the trip after
    /// the one k weeks back used 8 + 2k %.</summary>
    private static List<PastSession> SixMondays() =>
        Departures([.. Enumerable.Range(1, 6).Reverse().Select(w => (Monday.AddDays(-7 * w), new TimeOnly(7, 10 * (w - 1)), 8.0 + 2 * w))]);

    [Fact]
    public void A_weekday_seen_often_gets_an_early_departure_time_and_a_high_need()
    {
        var learned = Propose(SixMondays(), Local(Monday.AddDays(-1), 20))!;
        // Times 07:00…07:50: the 20th percentile is 07:10. Trips known after five of the six Mondays (the latest has no
        // next plug-in): 10…18 %, 80th percentile 16.4 %, on top of min SoC 20 %.
        Assert.Equal(new LearnedDeparture(Local(Monday, 7, 10), new Percent(36.4), 6), learned with { Soc = new Percent(Math.Round(learned.Soc.Value, 6)) });
    }

    [Fact]
    public void Three_of_the_last_six_same_weekdays_are_enough_and_two_are_not()
    {
        var history = SixMondays();
        var now = Local(Monday.AddDays(-1), 20);
        Assert.Equal(3, Propose(history.Skip(3), now)?.DaysSeen);
        Assert.Null(Propose(history.Skip(4), now));
    }

    [Fact]
    public void Departures_more_than_six_weeks_back_do_not_count()
    {
        var old = Departures([.. Enumerable.Range(7, 5).Select(w => (Monday.AddDays(-7 * w), new TimeOnly(7, 0), 10.0))]);
        Assert.Null(Propose(old.Concat(SixMondays().Skip(4)), Local(Monday.AddDays(-1), 20)));
    }

    [Fact]
    public void No_sessions_give_no_departure()
    {
        Assert.Null(Propose([], Local(Monday.AddDays(-1), 20)));
    }

    [Fact]
    public void The_need_is_clamped_to_min_soc_and_to_max_soc_and_the_practical_max()
    {
        PastSession[] Uses(double use) => [.. Departures([.. Enumerable.Range(1, 4).Select(w => (Monday.AddDays(-7 * w), new TimeOnly(7, 0), use))])];
        var now = Local(Monday.AddDays(-1), 20);
        Assert.Equal(new Percent(80), Propose(Uses(75), now)!.Soc);
        Assert.Equal(new Percent(70), Propose(Uses(75), now, practicalMax: new Percent(70))!.Soc);
        Assert.Equal(new Percent(20), Propose(Uses(0), now)!.Soc);
    }

    [Fact]
    public void Without_a_known_trip_the_need_is_the_max_soc_setting()
    {
        // Each trip "used" a negative amount (charged elsewhere): not a use to learn from.
        var history = Departures([.. Enumerable.Range(1, 4).Select(w => (Monday.AddDays(-7 * w), new TimeOnly(7, 0), -5.0))]);
        Assert.Equal(new Percent(80), Propose(history, Local(Monday.AddDays(-1), 20))!.Soc);
    }

    [Fact]
    public void Sessions_that_cannot_have_happened_are_ignored()
    {
        var now = Local(Monday.AddDays(-1), 20);
        var odd = Enumerable.Range(1, 6).SelectMany(w =>
        {
            var day = Monday.AddDays(-7 * w);
            return new[]
            {
                new PastSession(Local(day, 9), Local(day, 5), new Percent(50), new Percent(80)),
                new PastSession(Local(day.AddDays(-20), 9), Local(day, 5, 30), new Percent(50), new Percent(80)),
                new PastSession(Local(day.AddDays(-1), 18), Local(day, 6), new Percent(150), new Percent(80)),
                new PastSession(Local(day.AddDays(-1), 18), Local(day, 6, 30), new Percent(50), new Percent(-3)),
            };
        }).ToList();
        Assert.Null(Propose(odd, now));
        // Among real departures they move neither the time nor the need.
        Assert.Equal(Propose(SixMondays(), now), Propose(SixMondays().Concat(odd), now));
    }

    [Fact]
    public void A_day_counts_its_first_departure()
    {
        var history = SixMondays().Concat(Enumerable.Range(1, 6).Select(w =>
            new PastSession(Local(Monday.AddDays(-7 * w), 8), Local(Monday.AddDays(-7 * w), 5), new Percent(60), new Percent(60)))).ToList();
        // The 05:00 sessions end before they begin (ignored); one at 05:00 that did happen moves the day's departure.
        Assert.Equal(Local(Monday, 7, 10), Propose(history, Local(Monday.AddDays(-1), 20))!.At);
        var early = SixMondays().Concat(Enumerable.Range(1, 6).Select(w =>
            new PastSession(Local(Monday.AddDays(-7 * w), 4), Local(Monday.AddDays(-7 * w), 5), new Percent(60), new Percent(60)))).ToList();
        Assert.Equal(Local(Monday, 5), Propose(early, Local(Monday.AddDays(-1), 20))!.At);
    }

    [Fact]
    public void Only_a_departure_within_36_hours_is_proposed()
    {
        var saturday = Monday.AddDays(-2);
        // Monday 07:10 is 36 h 10 min after Saturday 19:00, 35 h 50 min after 19:20.
        Assert.Null(Propose(SixMondays(), Local(saturday, 19)));
        Assert.Equal(Local(Monday, 7, 10), Propose(SixMondays(), Local(saturday, 19, 20))!.At);
    }

    [Fact]
    public void Once_today_s_departure_has_passed_the_next_day_s_is_proposed()
    {
        var tuesdays = Departures([.. Enumerable.Range(1, 3).Select(w => (Monday.AddDays(1 - 7 * w), new TimeOnly(8, 0), 10.0))]);
        var history = SixMondays().Concat(tuesdays).ToList();
        Assert.Equal(Local(Monday, 7, 10), Propose(history, Local(Monday, 7))!.At);
        Assert.Equal(Local(Monday.AddDays(1), 8), Propose(history, Local(Monday, 7, 10))!.At);
    }

    [Fact]
    public void A_departure_keeps_its_local_time_across_a_clock_change()
    {
        // Sundays in winter time at 07:00 CET; the Sunday after the spring change gets 07:00 CEST.
        var spring = new DateOnly(2026, 3, 29);
        var history = Departures([.. Enumerable.Range(1, 3).Select(w => (spring.AddDays(-7 * w), new TimeOnly(7, 0), 10.0))]);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.FromHours(2)), Propose(history, Local(spring.AddDays(-1), 20))!.At);
    }

    [Fact]
    public void A_time_in_the_spring_gap_moves_on_by_the_gap_and_one_that_happens_twice_is_taken_the_first_time()
    {
        var spring = new DateOnly(2026, 3, 29);
        var springHistory = Departures([.. Enumerable.Range(1, 3).Select(w => (spring.AddDays(-7 * w), new TimeOnly(2, 30), 10.0))]);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), Propose(springHistory, Local(spring.AddDays(-1), 20))!.At);
        var autumn = new DateOnly(2026, 10, 25);
        var autumnHistory = Departures([.. Enumerable.Range(1, 3).Select(w => (autumn.AddDays(-7 * w), new TimeOnly(2, 30), 10.0))]);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), Propose(autumnHistory, Local(autumn.AddDays(-1), 20))!.At);
    }
}
