using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

public class V2GNotificationTests
{
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.AddMinutes(20);

    private static void Prices(HomeAssistantFake fake) => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(h => h < 6));

    private static IEnumerable<JsonObject> Pushes(HomeAssistantFake fake, string tag) =>
        fake.Notifications.Where(c => c.Data["data"]?["tag"]?.GetValue<string>() == tag && c.Data["message"]?.GetValue<string>() != "clear_notification")
            .Select(c => c.Data);

    private static bool Cleared(HomeAssistantFake fake, string tag) =>
        fake.Notifications.Any(c => c.Data["message"]?.GetValue<string>() == "clear_notification" && c.Data["data"]?["tag"]?.GetValue<string>() == tag);

    private static async Task StepUntilAsync(V2GHarness h, Func<bool> done, string what)
    {
        for (var i = 0; i < 30 && !done(); i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(done, what);
    }

    [Fact]
    public async Task Plugging_in_while_paused_asks_to_switch_to_Automatic_and_the_answer_selects_it()
    {
        await using var h = await V2GHarness.StartAsync(50, Prices);
        h.Sim.Unplug();
        await h.StepAsync(TimeSpan.FromMinutes(1));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Pause");
        await h.SettledAsync(() => !h.Sim.Snapshot().RemoteControl, "the pause");
        Assert.Empty(Pushes(h.Fake, NotificationTags.SwitchToAutomatic));

        h.Sim.PlugIn();
        await StepUntilAsync(h, () => Pushes(h.Fake, NotificationTags.SwitchToAutomatic).Any(), "the question");
        var ask = Pushes(h.Fake, NotificationTags.SwitchToAutomatic).Single();
        Assert.Contains("while the charge mode is Pause", ask["message"]!.GetValue<string>());
        var actions = ask["data"]!["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToList();
        Assert.Equal([NotificationActions.SwitchToAutomatic, NotificationActions.KeepMode], actions);
        Assert.Equal(NotificationTags.SwitchToAutomatic, h.Fake.GetState(V2GEntities.Default.Alert)?.State);
        Assert.Equal("Pause", h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State);

        h.Fake.FireEvent(V2GNotifier.AnswerEvent, new JsonObject { ["action"] = actions[0], ["tag"] = NotificationTags.SwitchToAutomatic });
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State == "Automatic", "Automatic selected by the answer");
        await h.SettledAsync(() => h.Sim.Snapshot().RemoteControl, "control taken back in Automatic");
        await StepUntilAsync(h, () => Cleared(h.Fake, NotificationTags.SwitchToAutomatic), "the question cleared");
        Assert.Single(Pushes(h.Fake, NotificationTags.SwitchToAutomatic));
        Assert.DoesNotContain(NotificationTags.SwitchToAutomatic, h.Fake.GetState(V2GEntities.Default.Alert)!.Attribute("alerts")!.Value.GetRawText());
    }

    [Fact]
    public async Task A_running_event_the_user_dismisses_no_longer_blocks_charging_and_an_unknown_answer_is_ignored_with_a_log_line()
    {
        await using var h = await V2GHarness.StartAsync(50, fake =>
        {
            Prices(fake);
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(3), "Dentist 60 %")]);
        });
        await StepUntilAsync(h, () => Pushes(h.Fake, NotificationTags.EventStillConnected).Any(), "the keep-or-dismiss question");
        Assert.True(h.Now >= TripStart + TimeSpan.FromMinutes(7));
        Assert.Single(h.Controller.CalendarPlan!.Absences);
        var buttons = Pushes(h.Fake, NotificationTags.EventStillConnected).Single()["data"]!["actions"]!.AsArray();
        var dismiss = buttons.Select(b => b!["action"]!.GetValue<string>()).Single(a => a.StartsWith(NotificationActions.DismissEvent));

        h.Fake.FireEvent(V2GNotifier.AnswerEvent, new JsonObject { ["action"] = "SOMEONE_ELSES_BUTTON" });
        await Wait.Until(() => h.Logs.GetSnapshot().Any(r => r.GetStructuredStateValue("Action") == "SOMEONE_ELSES_BUTTON"), "the foreign answer ignored");

        h.Fake.FireEvent(V2GNotifier.AnswerEvent, new JsonObject { ["action"] = dismiss });
        await Wait.Until(() => h.Logs.GetSnapshot().Any(r => r.GetStructuredStateValue("Choice") == nameof(NotificationChoice.DismissEvent)), "the answer taken");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(h.Controller.CalendarPlan!.Absences);
        Assert.Empty(h.Controller.CalendarPlan.Targets);
        await Wait.Until(() => Cleared(h.Fake, NotificationTags.EventStillConnected), "the question cleared");
        for (var i = 0; i < 5; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Single(Pushes(h.Fake, NotificationTags.EventStillConnected));
        Assert.Equal("Automatic", h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State);
    }

    [Fact]
    public async Task Below_the_minimum_the_boost_is_told_with_its_ETA_and_an_unreachable_trip_with_its_shortfall()
    {
        var trip = V2GHarness.Start.AddMinutes(90);
        await using var h = await V2GHarness.StartAsync(15, fake =>
        {
            Prices(fake);
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(trip, trip.AddHours(2), "Airport 90 %")]);
        });
        await StepUntilAsync(h, () => Pushes(h.Fake, NotificationTags.BelowMinimumSoc).Any() && Pushes(h.Fake, NotificationTags.TargetUnreachable).Any(),
            "both pushes");
        Assert.Matches(@"^The battery is at 1\d %, below the minimum of 20 %\. Charging at full power until about 1[23]:\d\d\.$",
            Pushes(h.Fake, NotificationTags.BelowMinimumSoc).Single()["message"]!.GetValue<string>());
        Assert.Matches(@"^For ""Airport 90 %"" at 13:30 only \d+ % can be reached\. Charging at full power\.$",
            Pushes(h.Fake, NotificationTags.TargetUnreachable).Single()["message"]!.GetValue<string>());
        Assert.Equal(7400, h.Sim.PowerSetPointWrites.Last());
    }

    [Fact]
    public async Task Without_prices_for_an_hour_both_the_missing_prices_and_the_missing_schedule_are_told_once()
    {
        await using var h = await V2GHarness.StartAsync(40);
        await Wait.Until(() => Pushes(h.Fake, NotificationTags.PriceData).Any(), "the missing prices");
        Assert.Empty(Pushes(h.Fake, NotificationTags.Schedule));
        for (var i = 0; i < 61; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => Pushes(h.Fake, NotificationTags.Schedule).Any(), "the missing schedule");
        Assert.Single(Pushes(h.Fake, NotificationTags.PriceData));
        Assert.Single(Pushes(h.Fake, NotificationTags.Schedule));
        var alerts = h.Fake.GetState(V2GEntities.Default.Alert)!.Attribute("alerts")!.Value.EnumerateArray().Select(a => a.GetProperty("tag").GetString());
        Assert.Equal([NotificationTags.Schedule, NotificationTags.PriceData], alerts);
    }

    [Fact]
    public async Task Negative_prices_while_away_the_car_disconnected_and_the_plug_in_reminder_are_pushed_once_each_time_they_apply()
    {
        var gym = V2GHarness.Start.AddMinutes(20);
        await using var h = await V2GHarness.StartAsync(60, fake =>
        {
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour == 14, cheap: -0.04));
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(gym, gym.AddMinutes(30), "Gym")]);
        });
        // The harness's first step has no car yet, so the advice to connect it goes out; plugging in withdraws it.
        await Wait.Until(() => Pushes(h.Fake, NotificationTags.NegativePrices).Any(), "the negative prices");
        Assert.Contains("from 14:00 to 15:00, down to -0.040 per kWh",
            Pushes(h.Fake, NotificationTags.NegativePrices).Single()["message"]!.GetValue<string>());
        await StepUntilAsync(h, () => Cleared(h.Fake, NotificationTags.NegativePrices), "the negative prices cleared with the car connected");

        h.Sim.Unplug();
        await StepUntilAsync(h, () => Pushes(h.Fake, NotificationTags.CarDisconnected).Any(), "the car disconnected");
        await Wait.Until(() => Pushes(h.Fake, NotificationTags.NegativePrices).Count() == 2, "the negative prices told again, the car away");
        Assert.Equal("The car was disconnected at 60 %.", Pushes(h.Fake, NotificationTags.CarDisconnected).Single()["message"]!.GetValue<string>());

        while (h.Now < gym.AddMinutes(36)) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(Pushes(h.Fake, NotificationTags.ConnectReminder));
        await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => Pushes(h.Fake, NotificationTags.ConnectReminder).Any(), "the reminder 7 minutes after the end");
        for (var i = 0; i < 5; i++) await h.StepAsync(TimeSpan.FromMinutes(1));

        h.Sim.PlugIn();
        await StepUntilAsync(h, () => Cleared(h.Fake, NotificationTags.ConnectReminder), "the reminder cleared on plug-in");
        Assert.Single(Pushes(h.Fake, NotificationTags.ConnectReminder));
        Assert.Single(Pushes(h.Fake, NotificationTags.CarDisconnected));
        Assert.Equal(2, Pushes(h.Fake, NotificationTags.NegativePrices).Count());
    }

    [Fact]
    public async Task Without_targets_nothing_is_pushed_but_the_alerts_show_and_every_target_gets_each_notification()
    {
        await using var ha = await NotifierRig.StartAsync([]);
        ha.Notifier.Observe(ha.Observation(0, faulted: true));
        await ha.Notifier.PublishAsync(CancellationToken.None);
        var alert = ha.Fake.GetState(V2GEntities.Default.Alert)!;
        Assert.Equal(NotificationTags.ChargerCommunication, alert.State);
        var listed = alert.Attribute("alerts")!.Value.EnumerateArray().Single();
        Assert.Equal("Charger not responding", listed.GetProperty("title").GetString());
        Assert.Empty(ha.Fake.Notifications);

        await using var two = await NotifierRig.StartAsync(["notify.mobile_app_a", "mobile_app_b"]);
        two.Notifier.Observe(two.Observation(0, faulted: true));
        await two.Notifier.PublishAsync(CancellationToken.None);
        await Wait.Until(() => two.Fake.Notifications.Count == 2, "one push per target");
        Assert.Equal(["mobile_app_a", "mobile_app_b"], two.Fake.Notifications.Select(c => c.Service).Order());
        two.Notifier.Observe(two.Observation(1));
        await two.Notifier.PublishAsync(CancellationToken.None);
        Assert.Equal("none", two.Fake.GetState(V2GEntities.Default.Alert)?.State);
    }

    [Fact]
    public async Task The_power_deviation_sensor_turns_on_after_two_minutes_off_the_set_point_and_it_is_logged()
    {
        await using var ha = await NotifierRig.StartAsync([]);
        ha.Notifier.Observe(ha.Observation(0, setPointW: 7400));
        await ha.Notifier.PublishAsync(CancellationToken.None);
        ha.Notifier.Observe(ha.Observation(1, setPointW: 7400, actualW: 3000));
        await ha.Notifier.PublishAsync(CancellationToken.None);
        ha.Notifier.Observe(ha.Observation(1, setPointW: 7400, actualW: 3000));
        await ha.Notifier.PublishAsync(CancellationToken.None);
        Assert.Equal("off", ha.Fake.GetState(V2GEntities.Default.PowerDeviation)?.State);
        Assert.Equal("problem", ha.Fake.GetState(V2GEntities.Default.PowerDeviation)?.AttributeString("device_class"));
        ha.Notifier.Observe(ha.Observation(1, setPointW: 7400, actualW: 3000));
        await ha.Notifier.PublishAsync(CancellationToken.None);
        Assert.Equal("on", ha.Fake.GetState(V2GEntities.Default.PowerDeviation)?.State);
        Assert.Contains(ha.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning
                                                    && (r.GetStructuredStateValue("Actual"), r.GetStructuredStateValue("SetPoint")) == ("3000 W", "7400 W"));

        ha.Notifier.Observe(ha.Observation(1, setPointW: 7400, actualW: 7400));
        await ha.Notifier.PublishAsync(CancellationToken.None);
        Assert.Equal("off", ha.Fake.GetState(V2GEntities.Default.PowerDeviation)?.State);
    }

    [Fact]
    public async Task A_charger_that_stops_answering_is_logged_once_as_a_warning_and_its_recovery_as_information()
    {
        await using var ha = await NotifierRig.StartAsync([]);
        ha.Notifier.Observe(ha.Observation(0));
        for (var i = 0; i < 3; i++) ha.Notifier.Observe(ha.Observation(1, faulted: true));
        var hang = Assert.Single(ha.Logs.GetSnapshot(), e => e.Category == typeof(V2GNotifier).FullName && e.Has("Reachable"));
        Assert.Equal((LogLevel.Warning, false, "no answer"), (hang.Level, bool.Parse(hang.GetStructuredStateValue("Reachable")!), hang.GetStructuredStateValue("FaultReason")));

        ha.Notifier.Observe(ha.Observation(1));
        var back = Assert.Single(ha.Logs.GetSnapshot(), e => e.Category == typeof(V2GNotifier).FullName && e.Has("ChargerState"));
        Assert.Equal((LogLevel.Information, nameof(ChargerState.Charging)), (back.Level, back.GetStructuredStateValue("ChargerState")));
    }

    /// <summary>A notifier on its own against the HA fake, fed observations by hand.</summary>
    private sealed class NotifierRig : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private HomeAssistantClient _client = null!;
        private Task _run = Task.CompletedTask;
        private DateTimeOffset _now = V2GHarness.Start;

        public HomeAssistantFake Fake { get; private init; } = null!;
        public V2GNotifier Notifier { get; private set; } = null!;
        public FakeLogCollector Logs { get; } = new();

        public static async Task<NotifierRig> StartAsync(IReadOnlyList<string> targets)
        {
            var rig = new NotifierRig { Fake = await HomeAssistantFake.StartAsync() };
            rig._client = new HomeAssistantClient(rig.Fake.ClientOptions(), new FakeLogger<HomeAssistantClient>(rig.Logs), TimeProvider.System);
            rig._run = rig._client.RunAsync(rig._stop.Token);
            await rig._client.Connected.Where(up => up).FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10));
            var ha = new HaContext(rig._client, new FakeLogger<HaContext>(rig.Logs));
            rig.Notifier = new V2GNotifier(ha, new SensorPublisher(new HaRestClient(new HttpClient(), rig.Fake.ClientOptions()), ha), V2GEntities.Default, targets,
                TimeZoneInfo.Utc, new FakeLogger<V2GNotifier>(rig.Logs));
            return rig;
        }

        /// <summary>A step <paramref name="minutes"/> after the previous, with a car at 50 % and prices that never run out.</summary>
        public NotificationObservation Observation(double minutes, bool faulted = false, double setPointW = 0, double actualW = 0)
        {
            _now = _now.AddMinutes(minutes);
            var status = new ChargerStatus(_now, faulted ? ChargerState.Faulted : ChargerState.Charging, faulted ? null : true,
                Power.FromWatts(actualW), faulted ? null : new Percent(50), false, false, !faulted, faulted ? "no answer" : null, null, "");
            var input = new ControlInput(_now, ChargeMode.Automatic, status.StateOfCharge, !faulted, !faulted, faulted, null, new ChargeSettings(),
                new ChargerCapabilities(true, SetPointUnit.Watts, Power.FromWatts(7400), Power.FromWatts(7400)), new Percent(97));
            var decision = new ControlDecision(_now, ChargerCommand.Set(Power.FromWatts(setPointW)), ChargeMode.Automatic, "test", false, null);
            var prices = new Core.Prices.TimeSeries<EnergyPrice>(
                [new(V2GHarness.Start.AddDays(-1), new EnergyPrice(0.2)), new(V2GHarness.Start.AddDays(2), new EnergyPrice(0.2))], TimeSpan.FromDays(3));
            return new NotificationObservation(status, input, decision, null, [], prices);
        }

        public async ValueTask DisposeAsync()
        {
            Notifier.Dispose();
            await _stop.CancelAsync();
            try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
            await _client.DisposeAsync();
            await Fake.DisposeAsync();
        }
    }
}
