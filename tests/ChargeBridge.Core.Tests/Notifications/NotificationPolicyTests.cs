using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.Notifications.NotificationScenario;

namespace ChargeBridge.Core.Tests.Notifications;

public class NotificationPolicyTests
{
    private readonly NotificationScenario _s = new();

    private static Schedule ScheduleWith(params TargetOutcome[] targets) =>
        new([new ScheduleSlot(Start, TimeSpan.FromMinutes(5), Power.Zero, new Percent(50), new Percent(50))], 0, 0, 0, targets);

    [Fact]
    public void A_fault_with_a_car_connected_is_announced_once_as_critical_and_its_end_replaces_it_with_the_restored_message()
    {
        _s.Step(0);
        var first = _s.Step(1, faulted: true);
        var lost = Assert.Single(Sent(first, NotificationTags.ChargerCommunication)).Notification;
        Assert.True(lost.Critical);
        Assert.Equal("Charger not responding", lost.Title);
        Assert.Equal(NotificationTags.ChargerCommunication, _s.Policy.Active.Single().Tag);

        for (var i = 0; i < 5; i++) Assert.Empty(Sent(_s.Step(1, faulted: true), NotificationTags.ChargerCommunication));

        var back = _s.Step(1);
        var restored = Assert.Single(Sent(back, NotificationTags.ChargerCommunication)).Notification;
        Assert.Equal("Charger responding again", restored.Title);
        Assert.False(restored.Critical);
        Assert.Empty(_s.Policy.Active);
    }

    [Theory]
    [InlineData(true, "Charger restarted", false)]
    [InlineData(false, "Charger restart failed", true)]
    public void A_restart_the_driver_made_by_itself_is_told_once_and_cleared_after_an_hour(bool succeeded, string title, bool timeSensitive)
    {
        _s.Step(0);
        var restart = new ChargeBridge.Core.Chargers.ChargerRestart(_s.Now.AddMinutes(1), succeeded, "through the Wallbox cloud");
        IReadOnlyList<NotificationCommand> Step(double minutes)
        {
            var observation = _s.Observe(minutes);
            return _s.Policy.Step(observation with { Status = observation.Status with { LastRestart = restart } });
        }

        var told = Assert.Single(Sent(Step(1), NotificationTags.ChargerRestart)).Notification;
        var later = Step(30);
        var afterAnHour = Step(31);

        Assert.Equal((title, timeSensitive), (told.Title, told.TimeSensitive));
        Assert.Empty(Sent(later, NotificationTags.ChargerRestart));
        Assert.True(Cleared(afterAnHour, NotificationTags.ChargerRestart));
    }

    [Fact]
    public void Two_calendar_events_starting_in_the_same_minute_do_not_break_a_step()
    {
        var start = Start.AddHours(3);
        CalendarEvent[] events = [new(start, start.AddHours(1), "Gym", "", false), new(start, start.AddHours(2), "Dentist", "", false)];
        _s.Step(0, events: events);
        _s.Step(1, events: events);
        Assert.Empty(_s.Policy.Active);
    }

    [Fact]
    public void A_settings_helper_HA_would_not_create_is_told_once_with_its_id_and_the_fix_and_recovered_when_it_exists()
    {
        _s.Step(0);
        NotificationObservation Missing(double minutes) =>
            _s.Observe(minutes) with { MissingHelpers = [("input_number.chargebridge_min_soc", "creating it needs an administrator's access token")] };
        var told = Assert.Single(Sent(_s.Policy.Step(Missing(1)), NotificationTags.HelpersMissing)).Notification;
        Assert.Contains("input_number.chargebridge_min_soc", told.Message);
        Assert.Contains("administrator", told.Message);
        Assert.Contains("Helpers", told.Message);
        for (var i = 0; i < 3; i++) Assert.Empty(Sent(_s.Policy.Step(Missing(1)), NotificationTags.HelpersMissing));

        var recovered = Assert.Single(Sent(_s.Step(1), NotificationTags.HelpersMissing)).Notification;
        Assert.Equal("Settings helpers in place", recovered.Title);
        Assert.Empty(_s.Policy.Active);
    }

    [Theory]
    [InlineData(true, false, NotificationTags.ChargerAppSchedule, "Remove the schedule in the Wallbox app")]
    [InlineData(false, true, NotificationTags.ChargerLocked, "Unlock the charger")]
    public void A_charger_held_by_an_app_schedule_or_locked_is_told_once_with_the_fix_and_cleared_when_it_ends(
        bool appSchedule, bool locked, string tag, string fix)
    {
        _s.Step(0);
        NotificationObservation Blocked(double minutes)
        {
            var o = _s.Observe(minutes);
            return o with { Status = o.Status with { ControlledByApp = appSchedule, Locked = locked } };
        }
        var told = Assert.Single(Sent(_s.Policy.Step(Blocked(1)), tag)).Notification;
        Assert.Contains(fix, told.Message);
        Assert.Equal(tag, _s.Policy.Active.Single().Tag);
        for (var i = 0; i < 3; i++) Assert.Empty(_s.Policy.Step(Blocked(1)));

        Assert.True(Cleared(_s.Step(1), tag));
        Assert.Empty(_s.Policy.Active);
    }

    [Fact]
    public void Paused_a_Wallbox_app_schedule_is_the_users_choice_and_is_told_only_once_ChargeBridge_wants_control()
    {
        _s.Step(0, release: true, mode: ChargeMode.Pause);
        NotificationObservation AppSchedule(bool paused)
        {
            var o = paused ? _s.Observe(1, release: true, mode: ChargeMode.Pause) : _s.Observe(1);
            return o with { Status = o.Status with { ControlledByApp = true } };
        }
        for (var i = 0; i < 3; i++) Assert.Empty(_s.Policy.Step(AppSchedule(paused: true)));
        Assert.Single(Sent(_s.Policy.Step(AppSchedule(paused: false)), NotificationTags.ChargerAppSchedule));
    }

    [Fact]
    public void A_fault_without_a_car_is_announced_but_not_critical()
    {
        _s.Step(0, car: false);
        var lost = Assert.Single(Sent(_s.Step(1, car: false, faulted: true), NotificationTags.ChargerCommunication)).Notification;
        Assert.False(lost.Critical);
    }

    [Fact]
    public void A_charger_that_answers_with_an_error_state_is_told_as_that_error()
    {
        _s.Step(0);
        var error = Assert.Single(Sent(_s.Step(1, faulted: true, errorState: "charger error (state 7)"), NotificationTags.ChargerCommunication)).Notification;
        Assert.Equal("Charger error", error.Title);
        Assert.Contains("The charger reports: charger error (state 7).", error.Message);
        Assert.True(error.Critical);
    }

    [Fact]
    public void Boosting_below_the_minimum_tells_the_ETA_once_and_clears_when_the_minimum_is_reached()
    {
        // 20 % - 12 % of 62 kWh at 7400 W through a 92 % efficient charge: about 43.6 minutes.
        var sent = Sent(_s.Step(0, soc: 12, setPointW: 7400), NotificationTags.BelowMinimumSoc).Single().Notification;
        Assert.Contains("at 12 %", sent.Message);
        Assert.Contains("until about 09:43", sent.Message);
        Assert.Empty(Sent(_s.Step(1, soc: 13, setPointW: 7400), NotificationTags.BelowMinimumSoc));

        Assert.True(Cleared(_s.Step(40, soc: 20, setPointW: 0), NotificationTags.BelowMinimumSoc));
    }

    [Fact]
    public void Below_the_minimum_without_charging_is_no_boost_to_announce()
    {
        Assert.Empty(Sent(_s.Step(0, soc: 12, release: true), NotificationTags.BelowMinimumSoc));
    }

    [Fact]
    public void Max_SoC_reached_is_told_when_charging_brought_the_car_there_and_cleared_when_it_leaves()
    {
        Assert.Empty(Sent(_s.Step(0, soc: 85), NotificationTags.MaxSocReached)); // plugged in above the maximum: nothing was reached
        _s.Step(1, car: false, soc: null);
        _s.Step(1, soc: 70, setPointW: 7400);
        Assert.Empty(Sent(_s.Step(60, soc: 80, setPointW: 7400), NotificationTags.MaxSocReached)); // still charging
        var reached = Assert.Single(Sent(_s.Step(1, soc: 80), NotificationTags.MaxSocReached)).Notification;
        Assert.Contains("80 %", reached.Message);
        Assert.Empty(Sent(_s.Step(1, soc: 80), NotificationTags.MaxSocReached));
        Assert.True(Cleared(_s.Step(1, car: false, soc: null), NotificationTags.MaxSocReached));
    }

    [Fact]
    public void An_hour_without_a_new_schedule_is_told_and_a_new_schedule_recovers_it()
    {
        var schedule = ScheduleWith();
        _s.Step(0, schedule: schedule);
        Assert.Empty(Sent(_s.Step(59, schedule: schedule), NotificationTags.Schedule));
        var alert = Assert.Single(Sent(_s.Step(1, schedule: schedule), NotificationTags.Schedule)).Notification;
        Assert.Contains("since 09:00", alert.Message);
        Assert.Empty(Sent(_s.Step(10, schedule: schedule), NotificationTags.Schedule));

        var back = Assert.Single(Sent(_s.Step(1, schedule: ScheduleWith()), NotificationTags.Schedule)).Notification;
        Assert.Equal("Charging schedule back", back.Title);
    }

    [Fact]
    public void Schedules_a_fallback_made_do_not_count_as_new_only_the_primary_planners_next_one_recovers()
    {
        IReadOnlyList<NotificationCommand> Fallback(double minutes) =>
            _s.Policy.Step(_s.Observe(minutes, schedule: ScheduleWith()) with { ScheduleFromFallback = true });
        _s.Step(0, schedule: ScheduleWith());
        for (var i = 0; i < 3; i++) Assert.Empty(Sent(Fallback(15), NotificationTags.Schedule));
        Assert.Contains("since 09:00", Assert.Single(Sent(Fallback(15), NotificationTags.Schedule)).Notification.Message);
        Assert.Empty(Sent(Fallback(15), NotificationTags.Schedule));

        Assert.Equal("Charging schedule back", Assert.Single(Sent(_s.Step(15, schedule: ScheduleWith()), NotificationTags.Schedule)).Notification.Title);
    }

    [Fact]
    public void Unplugging_ends_the_missing_schedule_alert_without_claiming_a_recovery()
    {
        _s.Step(0);
        Assert.Single(Sent(_s.Step(60), NotificationTags.Schedule));
        var unplugged = _s.Step(1, car: false, soc: null);
        Assert.True(Cleared(unplugged, NotificationTags.Schedule));
        Assert.Empty(Sent(unplugged, NotificationTags.Schedule));
        Assert.Empty(Sent(_s.Step(120, car: false, soc: null), NotificationTags.Schedule));
    }

    [Fact]
    public void An_unreachable_calendar_target_is_told_with_the_shortfall_once_per_target()
    {
        var trip = new CalendarEvent(Start.AddHours(3), Start.AddHours(5), "Trip to Ghent", "", false);
        // 5 %-points of 62 kWh short: 3.1 kWh / 0.922 at 7400 W is 28 minutes late.
        var shortBy5 = ScheduleWith(new TargetOutcome(new SocTarget(trip.Start, new Percent(90)), new Percent(85), new Percent(5)));
        var sent = Assert.Single(Sent(_s.Step(0, schedule: shortBy5, events: [trip]), NotificationTags.TargetUnreachable)).Notification;
        Assert.Contains("\"Trip to Ghent\" at 12:00", sent.Message);
        Assert.Contains("90 % will be reached about 28 minutes late", sent.Message);
        Assert.Empty(Sent(_s.Step(1, schedule: shortBy5, events: [trip]), NotificationTags.TargetUnreachable));

        var met = ScheduleWith(new TargetOutcome(new SocTarget(trip.Start, new Percent(90)), new Percent(90), new Percent(0)));
        Assert.True(Cleared(_s.Step(1, schedule: met, events: [trip]), NotificationTags.TargetUnreachable));
    }

    [Fact]
    public void A_large_shortfall_is_told_as_the_SoC_reachable_in_time()
    {
        var trip = new CalendarEvent(Start.AddHours(1), Start.AddHours(5), "Trip", "", false);
        var far = ScheduleWith(new TargetOutcome(new SocTarget(trip.Start, new Percent(90)), new Percent(60), new Percent(30)));
        var sent = Sent(_s.Step(0, schedule: far, events: [trip]), NotificationTags.TargetUnreachable).Single().Notification;
        Assert.Contains("only 60 % can be reached", sent.Message);
    }

    [Fact]
    public void Still_connected_after_an_event_started_asks_keep_or_dismiss_once_and_a_dismissal_drops_the_event()
    {
        var trip = new CalendarEvent(Start.AddMinutes(10), Start.AddHours(2), "Office", "", false);
        Assert.Empty(Sent(_s.Step(16, events: [trip]), NotificationTags.EventStillConnected));
        var ask = Assert.Single(Sent(_s.Step(1, events: [trip]), NotificationTags.EventStillConnected)).Notification;
        var id = NotificationPolicy.EventId(trip);
        Assert.Equal([$"{NotificationActions.KeepEvent}:{id}", $"{NotificationActions.DismissEvent}:{id}"], ask.Buttons.Select(b => b.Action));
        Assert.Empty(Sent(_s.Step(1, events: [trip]), NotificationTags.EventStillConnected));

        Assert.False(_s.Policy.IsDismissed(trip));
        _s.Policy.Answer(new NotificationAnswer(NotificationChoice.DismissEvent, id, null, null));
        Assert.True(_s.Policy.IsDismissed(trip));
        Assert.True(Cleared(_s.Step(1, events: []), NotificationTags.EventStillConnected));
    }

    [Fact]
    public void Keeping_the_event_is_not_asked_again_and_unplugging_clears_the_question()
    {
        var trip = new CalendarEvent(Start, Start.AddHours(2), "Office", "", false);
        Assert.Single(Sent(_s.Step(7, events: [trip]), NotificationTags.EventStillConnected));
        _s.Policy.Answer(new NotificationAnswer(NotificationChoice.KeepEvent, NotificationPolicy.EventId(trip), null, null));
        Assert.True(Cleared(_s.Step(1, events: [trip]), NotificationTags.EventStillConnected));
        Assert.Empty(Sent(_s.Step(1, events: [trip]), NotificationTags.EventStillConnected));
        Assert.False(_s.Policy.IsDismissed(trip));
    }

    [Fact]
    public void Seven_minutes_after_an_event_ended_an_unplugged_car_gets_a_reminder_even_when_the_calendar_no_longer_lists_the_event()
    {
        var trip = new CalendarEvent(Start.AddMinutes(-60), Start.AddMinutes(30), "Gym", "", false);
        _s.Step(0, car: false, soc: null, events: [trip]);
        _s.Step(31, car: false, soc: null, events: []); // the next read starts after the event's end
        Assert.Empty(Sent(_s.Step(5, car: false, soc: null, events: []), NotificationTags.ConnectReminder));
        var reminder = Assert.Single(Sent(_s.Step(1, car: false, soc: null, events: []), NotificationTags.ConnectReminder)).Notification;
        Assert.Contains("\"Gym\" has ended", reminder.Message);
        Assert.Empty(Sent(_s.Step(1, car: false, soc: null, events: []), NotificationTags.ConnectReminder));
        Assert.True(Cleared(_s.Step(1, events: []), NotificationTags.ConnectReminder));
    }

    [Fact]
    public void A_deleted_event_gives_no_reminder()
    {
        var trip = new CalendarEvent(Start.AddMinutes(60), Start.AddMinutes(90), "Gym", "", false);
        _s.Step(0, car: false, soc: null, events: [trip]);
        _s.Step(1, car: false, soc: null, events: []);
        Assert.Empty(Sent(_s.Step(120, car: false, soc: null, events: []), NotificationTags.ConnectReminder));
    }

    [Fact]
    public void A_fault_is_not_taken_for_unplugging()
    {
        var trip = new CalendarEvent(Start.AddMinutes(-60), Start.AddMinutes(1), "Gym", "", false);
        _s.Step(0, events: [trip]);
        var commands = Enumerable.Range(0, 20).SelectMany(_ => _s.Step(1, faulted: true, events: [])).ToList();
        Assert.Empty(Sent(commands, NotificationTags.CarDisconnected));
        Assert.Empty(Sent(commands, NotificationTags.ConnectReminder));
    }

    [Fact]
    public void A_fault_does_not_withdraw_the_keep_or_dismiss_question()
    {
        var trip = new CalendarEvent(Start, Start.AddHours(2), "Office", "", false);
        Assert.Single(Sent(_s.Step(7, events: [trip]), NotificationTags.EventStillConnected));
        var commands = Enumerable.Range(0, 5).SelectMany(_ => _s.Step(1, faulted: true, events: [trip]))
            .Concat(_s.Step(1, events: [trip])).ToList();
        Assert.Empty(Sent(commands, NotificationTags.EventStillConnected));
        Assert.False(Cleared(commands, NotificationTags.EventStillConnected));
    }

    [Fact]
    public void Mode_changes_the_controller_makes_and_unplugging_are_told_once_as_they_happen()
    {
        _s.Step(0, soc: 64, mode: ChargeMode.MaxBoostNow);
        var changed = Assert.Single(Sent(_s.Step(1, soc: 97, mode: ChargeMode.MaxBoostNow, newMode: ChargeMode.Automatic), NotificationTags.ChargeModeChanged));
        Assert.Equal("Charge mode changed from Max boost now to Automatic.", changed.Notification.Message);
        Assert.Empty(Sent(_s.Step(1, soc: 97), NotificationTags.ChargeModeChanged));

        var gone = Assert.Single(Sent(_s.Step(1, car: false, soc: null), NotificationTags.CarDisconnected)).Notification;
        Assert.Equal("The car was disconnected at 97 %.", gone.Message);
        Assert.Empty(Sent(_s.Step(1, car: false, soc: null), NotificationTags.CarDisconnected));
    }

    [Fact]
    public void Plugging_in_outside_Automatic_asks_to_switch_until_answered()
    {
        _s.Step(0, car: false, soc: null, mode: ChargeMode.Pause, release: true);
        var ask = Assert.Single(Sent(_s.Step(1, mode: ChargeMode.Pause, ask: true, release: true), NotificationTags.SwitchToAutomatic)).Notification;
        Assert.Equal([NotificationActions.SwitchToAutomatic, NotificationActions.KeepMode], ask.Buttons.Select(b => b.Action));
        Assert.Contains("while the charge mode is Pause", ask.Message);
        Assert.Contains(_s.Policy.Active, a => a.Tag == NotificationTags.SwitchToAutomatic);
        Assert.Empty(Sent(_s.Step(1, mode: ChargeMode.Pause, release: true), NotificationTags.SwitchToAutomatic));

        _s.Policy.Answer(new NotificationAnswer(NotificationChoice.KeepMode, null, null, null));
        Assert.True(Cleared(_s.Step(1, mode: ChargeMode.Pause, release: true), NotificationTags.SwitchToAutomatic));
    }

    [Fact]
    public void The_end_of_a_fault_is_no_plug_in_to_ask_about()
    {
        _s.Step(0, mode: ChargeMode.Pause, release: true);
        _s.Step(1, faulted: true, mode: ChargeMode.Pause, release: true);
        Assert.Empty(Sent(_s.Step(1, mode: ChargeMode.Pause, ask: true, release: true), NotificationTags.SwitchToAutomatic));
    }

    [Fact]
    public void The_switch_question_is_cleared_when_the_mode_becomes_Automatic()
    {
        _s.Step(0, car: false, soc: null, mode: ChargeMode.MaxDischargeNow);
        Assert.Single(Sent(_s.Step(1, mode: ChargeMode.MaxDischargeNow, ask: true), NotificationTags.SwitchToAutomatic));
        Assert.True(Cleared(_s.Step(1, mode: ChargeMode.Automatic), NotificationTags.SwitchToAutomatic));
    }

    [Fact]
    public void Negative_prices_ahead_are_told_once_per_stretch_and_cleared_when_it_is_over()
    {
        _s.Prices = Hourly(72, h => h is 3 or 4 ? -0.02 : 0.20);
        var sent = Assert.Single(Sent(_s.Step(0, car: false), NotificationTags.NegativePrices)).Notification;
        Assert.Contains("from 12:00 to 14:00", sent.Message);
        Assert.Empty(Sent(_s.Step(60, car: false), NotificationTags.NegativePrices));
        Assert.True(Cleared(_s.Step(240, car: false), NotificationTags.NegativePrices));
    }

    [Fact]
    public void Negative_prices_are_not_told_while_the_car_is_connected_and_connecting_it_clears_them()
    {
        // Connected, the car is planned to charge in those hours anyway; "connect the car" is advice for one that is away.
        _s.Prices = Hourly(72, h => h is 3 or 4 ? -0.02 : 0.20);
        Assert.Empty(Sent(_s.Step(0), NotificationTags.NegativePrices));
        Assert.Empty(Sent(_s.Step(1, faulted: true), NotificationTags.NegativePrices)); // a fault does not make it away
        Assert.Single(Sent(_s.Step(1, car: false), NotificationTags.NegativePrices));
        Assert.True(Cleared(_s.Step(1), NotificationTags.NegativePrices));
        Assert.DoesNotContain(_s.Policy.Active, a => a.Tag == NotificationTags.NegativePrices);
    }

    [Fact]
    public void Missing_price_data_is_told_once_and_its_return_replaces_it()
    {
        _s.Prices = null;
        var missing = Assert.Single(Sent(_s.Step(0), NotificationTags.PriceData)).Notification;
        Assert.Contains("known only until 09:00", missing.Message);
        Assert.Empty(Sent(_s.Step(1), NotificationTags.PriceData));

        _s.Prices = Hourly(72, _ => 0.2);
        Assert.Equal("Price data back", Assert.Single(Sent(_s.Step(1), NotificationTags.PriceData)).Notification.Title);
    }

    [Fact]
    public void Tomorrows_prices_are_required_only_after_the_publication_time()
    {
        _s.Prices = Hourly(15, _ => 0.2); // until midnight
        Assert.Empty(Sent(_s.Step(0), NotificationTags.PriceData));
        Assert.Single(Sent(_s.Step(6 * 60), NotificationTags.PriceData)); // 15:00
    }

    [Fact]
    public void Active_alerts_are_listed_most_recent_first()
    {
        _s.Step(0);
        _s.Step(1, faulted: true);
        _s.Prices = null;
        _s.Step(1, faulted: true);
        Assert.Equal([NotificationTags.PriceData, NotificationTags.ChargerCommunication], _s.Policy.Active.Select(a => a.Tag));
    }
}
