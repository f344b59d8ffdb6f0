using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Notifications;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>End to end in virtual time: the charger hanging while discharging, and HA going away mid-session.</summary>
public class V2GFaultTests
{
    private static void FlatPrices(HomeAssistantFake fake) =>
        fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(_ => false, cheap: 0.30));

    /// <summary>
    /// Moves the clock timer by timer (the controller's ticks and the Modbus client's timeouts) up to
    /// <paramref name="duration"/> from now, waiting at each for the controller to finish its step or to be stuck on a
    /// request the hung simulator leaves unanswered (its timeout is the next timer, passed even after the end).
    /// </summary>
    private static async Task RunAsync(V2GHarness h, TimeSpan duration)
    {
        var end = h.Now + duration;
        while (h.Clock.NextDue is { } next && (next <= end || h.Controller.Busy))
        {
            var unanswered = h.Sim.UnansweredRequests;
            h.Clock.AdvanceTo(next);
            await Wait.Until(() => !h.Controller.Busy || h.Sim.UnansweredRequests > unanswered, $"the controller's step at {h.Now:O}");
        }
        h.Clock.AdvanceTo(end);
    }

    private static IEnumerable<JsonObject> PushesTagged(V2GHarness h, string tag) =>
        h.Fake.Notifications.Where(c => c.Service == V2GHarness.Phone && c.Data["data"]?["tag"]?.GetValue<string>() == tag).Select(c => c.Data);

    [Fact]
    public async Task A_charger_that_hangs_while_discharging_is_faulted_alerts_critically_stops_by_its_idle_timeout_and_is_taken_back_when_it_answers()
    {
        await using var h = await V2GHarness.StartAsync(60, FlatPrices);
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max discharge now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == -7400, "the discharge");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(-7400, h.Sim.Snapshot().ActualPowerW, 0);

        var hungAt = h.Now;
        var writes = h.Sim.PowerSetPointWrites.Count;
        h.Sim.InjectFault(QuasarFault.Hang);
        await RunAsync(h, TimeSpan.FromMinutes(1));

        Assert.Equal(nameof(ChargerState.Faulted), h.Fake.GetState(V2GEntities.Default.ChargerState)?.State);
        await Wait.Until(() => PushesTagged(h, NotificationTags.ChargerCommunication).Any(), "the critical notification");
        var push = PushesTagged(h, NotificationTags.ChargerCommunication).Single();
        Assert.Equal("Charger not responding", push["title"]!.GetValue<string>());
        var data = push["data"]!;
        Assert.Equal(1, data["push"]!["sound"]!["critical"]!.GetValue<int>());
        Assert.Equal("high", data["priority"]!.GetValue<string>());
        Assert.Equal("alarm_stream", data["channel"]!.GetValue<string>());
        Assert.Equal(0, data["ttl"]!.GetValue<int>());
        var alert = h.Fake.GetState(V2GEntities.Default.Alert)!;
        Assert.Equal(NotificationTags.ChargerCommunication, alert.State);
        Assert.Contains("\"critical\":true", alert.Attribute("alerts")!.Value.GetRawText());

        // Nobody can stop a charger that does not answer: it discharges on until its own idle timeout (register 88).
        await RunAsync(h, TimeSpan.FromMinutes(4));
        Assert.Equal(-7400, h.Sim.Snapshot().ActualPowerW, 0);
        await RunAsync(h, hungAt + new QuasarDriverOptions { Host = "x" }.IdleTimeout + TimeSpan.FromMinutes(1) - h.Now);
        Assert.Equal(0, h.Sim.Snapshot().ActualPowerW, 0);
        Assert.Equal(writes, h.Sim.PowerSetPointWrites.Count);
        Assert.Single(PushesTagged(h, NotificationTags.ChargerCommunication)); // once per occurrence, not every tick
        Assert.Equal(nameof(ChargerState.Faulted), h.Fake.GetState(V2GEntities.Default.ChargerState)?.State);

        h.Sim.InjectFault(QuasarFault.None);
        await RunAsync(h, TimeSpan.FromMinutes(2));
        Assert.NotEqual(nameof(ChargerState.Faulted), h.Fake.GetState(V2GEntities.Default.ChargerState)?.State);
        Assert.True(h.Sim.PowerSetPointWrites.Count > writes, "a set point is written again");
        Assert.True(h.Sim.Snapshot().RemoteControl);
        await Wait.Until(() => PushesTagged(h, NotificationTags.ChargerCommunication).Count() == 2, "the restored notification");
        var restored = PushesTagged(h, NotificationTags.ChargerCommunication).Last();
        Assert.Equal("Charger responding again", restored["title"]!.GetValue<string>());
        Assert.Null(restored["data"]!["push"]);
        Assert.DoesNotContain(NotificationTags.ChargerCommunication, h.Fake.GetState(V2GEntities.Default.Alert)!.Attribute("alerts")!.Value.GetRawText());
    }

    [Fact]
    public async Task When_HA_restarts_mid_session_the_charger_stays_controlled_and_after_the_reconnect_sensors_modes_and_answers_work_again()
    {
        await using var h = await V2GHarness.StartAsync(50, FlatPrices);
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        var soc = h.Sim.Snapshot().SocPct;
        Assert.Equal([V2GNotifier.AnswerEvent], h.Fake.EventSubscriptionTypes); // the one type the app listens to, not the whole bus

        var restart = h.Fake.RestartAsync(TimeSpan.FromSeconds(1));
        await Wait.Until(() => !h.Client.IsConnected, "the client to see HA gone");
        var polls = h.Sim.Requests;
        for (var i = 0; i < 3; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.True(h.Sim.Requests > polls, "the charger was read while HA was away");
        Assert.Equal(7400, h.Sim.Snapshot().ActualPowerW, 0);
        Assert.True(h.Sim.Snapshot().SocPct > soc + 0.5, "the boost went on");
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Id == V2GController.StepFailed);
        await restart;

        await Wait.Until(() => h.Client.IsConnected && h.Fake.EventSubscriptionCount > 0 && h.Fake.EntitySubscriptionCount > 0,
            "the client to reconnect and subscribe again");
        Assert.Equal([V2GNotifier.AnswerEvent], h.Fake.EventSubscriptionTypes);
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max discharge now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == -7400, "the discharge set in HA after the reconnect");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("-7400", h.Fake.GetState(V2GEntities.Default.ActualPower)?.State);
        Assert.Equal("Max discharge now", h.Fake.GetState(V2GEntities.Default.Mode)?.State);

        // Answers come through the event subscription made on the new connection.
        h.Fake.FireEvent(V2GNotifier.AnswerEvent, new JsonObject { ["action"] = NotificationActions.SwitchToAutomatic });
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State == "Automatic", "the answer to select Automatic");
    }
}
