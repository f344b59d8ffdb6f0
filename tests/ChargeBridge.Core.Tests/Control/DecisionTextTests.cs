using ChargeBridge.Core.Control;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Control;

public class DecisionTextTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    // 01:00 UTC on a winter day is 02:00 in Amsterdam.
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(15);

    /// <summary>A schedule of 15-minute slots with the given set points in W, starting at <see cref="Start"/>.</summary>
    private static Schedule Plan(double cost, IReadOnlyList<TargetOutcome> targets, params double[] watts) =>
        new(watts.Select((w, i) => new ScheduleSlot(Start + Slot * i, Slot, Power.FromWatts(w), new Percent(50), new Percent(50))).ToList(),
            cost, 0, 0, targets);

    private static TargetOutcome Target(double shortfall) => new(new SocTarget(Start.AddHours(8), new Percent(80)), new Percent(80 - shortfall), new Percent(shortfall));

    [Fact]
    public void Equal_power_slots_merge_into_one_run_with_local_times_and_idle_runs_are_left_out()
    {
        var text = DecisionText.Planned(Plan(1.234, [Target(0)], 7400, 7400, 7400, 0, 0, -3700, -3700, 7400), [ReplanReason.NewPrices], Amsterdam);
        Assert.Equal("planned: charge 7.4 kW 02:00–02:45, discharge 3.7 kW 03:15–03:45, charge 7.4 kW 03:45–04:00 (times UTC+01:00) because new prices; " +
                     "expected cost 1.23 EUR; targets met", text);
    }

    [Fact]
    public void Power_below_a_kilowatt_is_given_in_watts()
    {
        Assert.StartsWith("planned: charge 20 W 02:00–02:15, discharge 1.4 kW 02:15–02:30 (times UTC+01:00);",
            DecisionText.Planned(Plan(0, [], 20, -1380), [], Amsterdam));
    }

    [Fact]
    public void A_set_point_that_reads_as_0_W_is_idle_and_left_out_and_power_equal_to_the_watt_merges()
    {
        // Planner residues: a fraction of a watt is no charging, and 7399.9996 W is the same 7.4 kW run.
        var text = DecisionText.Planned(Plan(0, [], 7400, 7399.9996, 0.3, -0.2, 0, 3700), [], Amsterdam);
        Assert.StartsWith("planned: charge 7.4 kW 02:00–02:30, charge 3.7 kW 03:15–03:30 (times UTC+01:00)", text);
        Assert.StartsWith("planned: idle;", DecisionText.Planned(Plan(0, [], 0.3, 0.4, -0.4), [], Amsterdam));
        Assert.Equal("command: idle at 0 W because following the schedule",
            DecisionText.Commanded(ChargerCommand.Set(Power.FromWatts(0.3)), "following the schedule"));
    }

    [Fact]
    public void The_same_schedule_reads_in_the_zone_given_and_names_its_offset()
    {
        var text = DecisionText.Planned(Plan(0, [], 7400, 7400), [ReplanReason.StartUp], TimeZoneInfo.Utc);
        Assert.StartsWith("planned: charge 7.4 kW 01:00–01:30 (times UTC) because start-up", text);
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        Assert.StartsWith("planned: charge 7.4 kW 06:30–07:00 (times UTC+05:30);", DecisionText.Planned(Plan(0, [], 7400, 7400), [], kolkata));
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.StartsWith("planned: charge 7.4 kW 20:00–20:30 (times UTC-05:00);", DecisionText.Planned(Plan(0, [], 7400, 7400), [], newYork));
    }

    [Fact]
    public void A_time_after_a_clock_change_carries_its_own_offset()
    {
        // Amsterdam moves from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
        var night = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        var slots = Enumerable.Range(0, 12).Select(i => new ScheduleSlot(night + Slot * i, Slot, Power.FromWatts(7400), new Percent(50), new Percent(50))).ToList();
        Assert.StartsWith("planned: charge 7.4 kW 01:00–05:00 UTC+02:00 (times UTC+01:00);",
            DecisionText.Planned(new Schedule(slots, 0, 0, 0, []), [], Amsterdam));
    }

    [Fact]
    public void A_schedule_of_zero_power_is_idle_and_one_without_slots_says_so()
    {
        Assert.Equal("planned: idle because car connected, SoC changed; expected cost 0.00 EUR; no targets",
            DecisionText.Planned(Plan(0, [], 0, 0, 0), [ReplanReason.CarConnected, ReplanReason.SocChanged], Amsterdam));
        Assert.Equal("planned: nothing (no slots); expected cost 0.00 EUR; no targets", DecisionText.Planned(Plan(0, []), [], Amsterdam));
    }

    [Fact]
    public void A_missed_target_names_the_largest_shortfall()
    {
        var text = DecisionText.Planned(Plan(2.5, [Target(0), Target(12), Target(4)], 7400), [ReplanReason.CalendarChanged], Amsterdam);
        Assert.EndsWith("because calendar changed; expected cost 2.50 EUR; targets missed by up to 12 %", text);
    }

    [Fact]
    public void A_run_on_a_later_day_carries_its_weekday_and_many_runs_are_summarised()
    {
        var watts = Enumerable.Range(0, 200).Select(i => i == 150 ? 3700.0 : 0).ToArray();
        Assert.Contains("charge 3.7 kW Fri 15:30–15:45", DecisionText.Planned(Plan(0, [], watts), [], Amsterdam));

        var alternating = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 1000.0 * (i + 1) : 0).ToArray();
        var text = DecisionText.Planned(Plan(0, [], alternating), [], Amsterdam);
        Assert.Equal(DecisionText.MaxRuns, text.Split(", ").Length);
        Assert.Contains(" and 4 more", text);
    }

    [Fact]
    public void A_command_says_what_goes_to_the_charger_and_why()
    {
        Assert.Equal("command: discharge 7.4 kW because max discharge",
            DecisionText.Commanded(ChargerCommand.Set(Power.FromWatts(-7400)), "max discharge"));
        Assert.Equal("command: charge 500 W because following the schedule",
            DecisionText.Commanded(ChargerCommand.Set(Power.FromWatts(500)), "following the schedule"));
        Assert.Equal("command: idle at 0 W because no schedule for now: idle", DecisionText.Commanded(ChargerCommand.Stop, "no schedule for now: idle"));
        Assert.Equal("command: control handed to the charger's app because paused", DecisionText.Commanded(ChargerCommand.Release, "paused"));
    }
}
