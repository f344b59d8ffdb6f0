using System.Reactive.Linq;
using System.Text.Json.Nodes;
using ChargeBridge.Core.Simulation;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging;
using static ChargeBridge.HassModel.Tests.HomeAssistantClientTests;

namespace ChargeBridge.HassModel.Tests;

public class FaultTests
{
    [Fact]
    public async Task A_socket_closed_mid_message_reconnects_and_the_stream_goes_on()
    {
        await using var ha = await ConnectedClient.StartAsync();
        await ha.Fake.CloseMidMessageAsync();
        await ha.WaitConnectedAsync(minimumConnections: 2);

        var change = ha.Client.StateChanges.FirstAsync(c => c.New?.State == "after");
        ha.Fake.SetState("sensor.x", "after");
        await change;
    }

    [Fact]
    public async Task After_a_server_restart_the_cache_is_reloaded_and_missed_changes_are_reported()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("sensor.kept", "1");
        fake.SetState("sensor.changed", "old");
        fake.SetState("sensor.removed", "x");
        await using var ha = await ConnectedClient.StartAsync(fake);
        var changes = new List<(EntityState? Old, EntityState? New)>();
        using var _ = ha.Client.StateChanges.Subscribe(c => { lock (changes) changes.Add(c); });

        var downtime = fake.RestartAsync(TimeSpan.FromMilliseconds(200));
        fake.SetState("sensor.changed", "new");
        fake.RemoveEntity("sensor.removed");
        fake.SetState("sensor.added", "hello");
        await downtime;
        await ha.WaitConnectedAsync(minimumConnections: 2);

        Assert.Equal("new", ha.Client.GetState("sensor.changed")!.State);
        Assert.Null(ha.Client.GetState("sensor.removed"));
        Assert.Equal("hello", ha.Client.GetState("sensor.added")!.State);
        lock (changes)
        {
            Assert.Contains(changes, c => c.Old?.State == "old" && c.New?.State == "new");
            Assert.Contains(changes, c => c.Old?.EntityId == "sensor.removed" && c.New is null);
            Assert.DoesNotContain(changes, c => c.New?.EntityId == "sensor.kept");
        }
    }

    [Fact]
    public async Task A_slow_server_within_the_timeout_is_waited_for()
    {
        await using var ha = await ConnectedClient.StartAsync();
        ha.Fake.SetState("input_boolean.x", "off");
        ha.Fake.ResponseDelay = TimeSpan.FromMilliseconds(300);
        await ha.Client.CallServiceAsync("input_boolean", "turn_on", ServiceTarget.Entity("input_boolean.x"));
        Assert.Equal("on", ha.Fake.GetState("input_boolean.x")!.State);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_gives_a_timeout_error_not_a_hang()
    {
        await using var ha = await ConnectedClient.StartAsync(tune: o => o with { CommandTimeout = TimeSpan.FromMilliseconds(300) });
        ha.Fake.ResponseDelay = TimeSpan.FromSeconds(2);
        var error = await Assert.ThrowsAsync<HaConnectionException>(() => ha.Client.CallServiceAsync("notify", "x"));
        Assert.Contains("did not answer 'call_service'", error.Message);
    }

    [Fact]
    public async Task A_malformed_frame_is_logged_and_the_connection_stays_up()
    {
        await using var ha = await ConnectedClient.StartAsync();
        const string malformed = "{\"id\": 1, \"type\": \"res";
        ha.Fake.SendMalformedFrame(malformed);
        var change = ha.Client.StateChanges.FirstAsync(c => c.New?.State == "still-here");
        ha.Fake.SetState("sensor.x", "still-here");
        await change;
        Assert.Equal(1, ha.Client.ConnectionCount);
        var ignored = Assert.Single(ha.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(malformed.Length.ToString(), ignored.GetStructuredStateValue("Bytes"));
    }

    [Fact]
    public async Task A_result_for_an_id_never_sent_is_ignored()
    {
        await using var ha = await ConnectedClient.StartAsync();
        ha.Fake.SendResultForUnknownId();
        await ha.Client.CallServiceAsync("notify", "x");
        Assert.Equal(1, ha.Client.ConnectionCount);
    }

    [Fact]
    public async Task A_command_sent_while_disconnected_goes_out_once_reconnected()
    {
        var fake = await HomeAssistantFake.StartAsync();
        await using var ha = await ConnectedClient.StartAsync(fake);
        var restart = fake.RestartAsync(TimeSpan.FromMilliseconds(300));
        await ha.Client.Connected.FirstAsync(up => !up);
        var call = ha.Client.CallServiceAsync("notify", "mobile_app_phone", data: new { message = "queued" });
        await restart;
        await call;
        Assert.Single(fake.Notifications);
    }

    [Fact]
    public async Task Pings_keep_the_connection_checked()
    {
        var clock = new VirtualClock();
        var interval = TimeSpan.FromSeconds(30);
        var timeout = TimeSpan.FromSeconds(5);
        await using var ha = await ConnectedClient.StartAsync(tune: o => o with { PingInterval = interval, CommandTimeout = timeout }, time: clock);
        // The wait for the next ping is set only once the last one is answered, so five such waits are five pings answered.
        bool NextPingWaits() => clock.PendingDue is [var due] && due == clock.GetUtcNow() + interval;
        for (var i = 0; i < 5; i++)
        {
            await WaitUntil(NextPingWaits);
            clock.Advance(interval);
        }
        await WaitUntil(NextPingWaits);
        Assert.True(ha.Client.IsConnected);
        Assert.Equal(1, ha.Client.ConnectionCount);

        // A server that stops answering pings is noticed and left.
        ha.Fake.ResponseDelay = TimeSpan.FromSeconds(30);
        clock.Advance(interval);
        await WaitUntil(() => clock.PendingDue.Contains(clock.GetUtcNow() + timeout));
        var lost = ha.Client.Connected.FirstAsync(up => !up);
        clock.Advance(timeout);
        await lost;
    }

    [Fact]
    public async Task Fifty_forced_reconnects_leave_one_subscription_and_no_unobserved_exception()
    {
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) => { lock (unobserved) unobserved.Add(e.Exception); };
        TaskScheduler.UnobservedTaskException += onUnobserved;
        try
        {
            var fake = await HomeAssistantFake.StartAsync();
            fake.SetState("sensor.x", "0");
            await using var ha = await ConnectedClient.StartAsync(fake);
            var seen = new List<string>();
            using var _ = ha.Client.StateChanges.Where(c => c.New?.EntityId == "sensor.x").Subscribe(c => { lock (seen) seen.Add(c.New!.State!); });
            using var events = ha.Client.Events("chargebridge_test").Subscribe(_ => { });

            for (var i = 1; i <= 50; i++)
            {
                fake.DropConnections();
                await ha.WaitConnectedAsync(minimumConnections: i + 1);
            }
            await WaitUntil(() => fake.EventSubscriptionCount == 1);

            // Changes come in HA's order, so a second subscription's copy of "next" would come before the marker.
            lock (seen) seen.Clear();
            fake.SetState("sensor.x", "next");
            fake.SetState("sensor.x", "marker");
            await WaitUntil(() => { lock (seen) return seen.Contains("marker"); });
            lock (seen) Assert.Equal(["next", "marker"], seen);
            Assert.Equal(1, fake.ConnectedClients);
            Assert.Equal(1, fake.EntitySubscriptionCount);
            Assert.Equal(["chargebridge_test"], fake.EventSubscriptionTypes);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            lock (unobserved) Assert.Empty(unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }
    }
}
