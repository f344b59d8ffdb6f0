using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;

namespace ChargeBridge.HassModel.Tests;

public class HomeAssistantClientTests
{
    [Fact]
    public async Task The_cache_holds_every_entity_after_connecting()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("sensor.grid_power", "1523.4", new JsonObject { ["unit_of_measurement"] = "W" });
        fake.SetState("input_boolean.ev_boost", "off");
        await using var ha = await ConnectedClient.StartAsync(fake);

        Assert.Equal("1523.4", ha.Client.GetState("sensor.grid_power")!.State);
        Assert.Equal("W", ha.Client.GetState("sensor.grid_power")!.AttributeString("unit_of_measurement"));
        Assert.Equal(2, ha.Client.GetStates().Count);
        Assert.True(ha.Client.Config!.IsRunning);
    }

    [Fact]
    public async Task A_state_change_arrives_with_old_and_new_state()
    {
        await using var ha = await ConnectedClient.StartAsync();
        var first = ha.Client.StateChanges.FirstAsync(c => c.New?.State == "40");
        ha.Fake.SetState("sensor.soc", "40");
        await first;

        var next = ha.Client.StateChanges.FirstAsync(c => c.New?.EntityId == "sensor.soc" && c.New.State == "41");
        ha.Fake.SetState("sensor.soc", "41", new JsonObject { ["unit_of_measurement"] = "%" });
        var change = await next;
        Assert.Equal("40", change.Old!.State);
        Assert.Equal("%", change.New!.AttributeString("unit_of_measurement"));
        Assert.Equal("41", ha.Client.GetState("sensor.soc")!.State);
    }

    [Fact]
    public async Task A_service_call_changes_a_helper_and_the_change_comes_back()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("input_number.ev_target_soc", "80.0", new JsonObject { ["min"] = 20, ["max"] = 100, ["step"] = 5 });
        await using var ha = await ConnectedClient.StartAsync(fake);

        var change = ha.Client.StateChanges.FirstAsync(c => c.New?.EntityId == "input_number.ev_target_soc");
        await ha.Client.CallServiceAsync("input_number", "set_value", ServiceTarget.Entity("input_number.ev_target_soc"), new { value = 65 });
        Assert.Equal("65.0", (await change).New!.State);
        Assert.Equal(65, fake.GetState("input_number.ev_target_soc")!.NumericState);
    }

    [Fact]
    public async Task A_refused_service_call_throws_with_the_server_code_and_message()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("input_number.ev_target_soc", "80.0", new JsonObject { ["min"] = 20, ["max"] = 100 });
        await using var ha = await ConnectedClient.StartAsync(fake);

        var error = await Assert.ThrowsAsync<HaCommandException>(() =>
            ha.Client.CallServiceAsync("input_number", "set_value", ServiceTarget.Entity("input_number.ev_target_soc"), new { value = 150 }));
        Assert.Equal("service_validation_error", error.Code);
        Assert.Contains("range 20 - 100", error.ServerMessage);
    }

    [Fact]
    public async Task Calendar_get_events_returns_the_events_under_the_calendar_id()
    {
        var fake = await HomeAssistantFake.StartAsync();
        var start = new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.FromHours(1));
        fake.SetCalendarEvents("calendar.ev_trips", [
            new FakeCalendarEvent(start, start.AddHours(9), "Office", "need 60 km"),
            new FakeCalendarEvent(start.AddDays(10), start.AddDays(10).AddHours(1), "Too late"),
        ]);
        await using var ha = await ConnectedClient.StartAsync(fake);

        var response = await ha.Client.CallServiceAsync("calendar", "get_events", ServiceTarget.Entity("calendar.ev_trips"),
            new { start_date_time = start.AddHours(-8).ToString("O"), end_date_time = start.AddDays(2).ToString("O") }, returnResponse: true);
        var evt = Assert.Single(response!.Value.GetProperty("calendar.ev_trips").GetProperty("events").EnumerateArray());
        Assert.Equal("Office", evt.GetProperty("summary").GetString());
        Assert.Equal(start, DateTimeOffset.Parse(evt.GetProperty("start").GetString()!));
    }

    [Fact]
    public async Task Calling_a_response_service_without_return_response_is_an_error()
    {
        await using var ha = await ConnectedClient.StartAsync();
        ha.Fake.SetCalendarEvents("calendar.ev_trips", []);
        var error = await Assert.ThrowsAsync<HaCommandException>(() =>
            ha.Client.CallServiceAsync("calendar", "get_events", ServiceTarget.Entity("calendar.ev_trips"), new { duration = "24:00:00" }));
        Assert.Equal("service_validation_error", error.Code);
    }

    [Fact]
    public async Task Notify_calls_are_recorded_by_the_fake()
    {
        await using var ha = await ConnectedClient.StartAsync();
        await ha.Client.CallServiceAsync("notify", "mobile_app_phone", data: new { message = "Car charged", data = new { tag = "ev" } });
        var call = Assert.Single(ha.Fake.Notifications);
        Assert.Equal("mobile_app_phone", call.Service);
        Assert.Equal("Car charged", call.Data["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_are_subscribed_on_demand_one_subscription_per_type_and_fired_events_arrive()
    {
        await using var ha = await ConnectedClient.StartAsync();
        Assert.Equal(0, ha.Fake.EventSubscriptionCount);
        var received = ha.Client.Events("chargebridge_test").FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10));
        using var again = ha.Client.Events("chargebridge_test").Subscribe(_ => { });
        var other = new List<HaEvent>();
        using var _ = ha.Client.Events("chargebridge_other").Subscribe(e => { lock (other) other.Add(e); });
        await WaitUntil(() => ha.Fake.EventSubscriptionCount == 2);
        Assert.Equal(["chargebridge_other", "chargebridge_test"], ha.Fake.EventSubscriptionTypes.Order());

        await ha.Client.FireEventAsync("chargebridge_test", new { answer = 42 });
        Assert.Equal(42, (await received).Data.GetProperty("answer").GetInt32());
        lock (other) Assert.Empty(other);

        ha.Fake.DropConnections();
        await ha.WaitConnectedAsync(minimumConnections: 2);
        await WaitUntil(() => ha.Fake.EventSubscriptionCount == 2);
        Assert.Equal(["chargebridge_other", "chargebridge_test"], ha.Fake.EventSubscriptionTypes.Order());
    }

    [Fact]
    public async Task Get_config_is_asked_again_until_home_assistant_is_running()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.CoreState = "NOT_RUNNING";
        await using var ha = await ConnectedClient.StartAsync(fake, waitConnected: false);
        // Two answers of NOT_RUNNING read: it asked again instead of going on.
        await WaitUntil(() => ha.Logs.WithField("State").Count(r => r.GetStructuredStateValue("State") == "NOT_RUNNING") >= 2);
        Assert.False(ha.Client.IsConnected);

        fake.CoreState = "RUNNING";
        await ha.WaitConnectedAsync();
        Assert.True(ha.Client.Config!.IsRunning);
    }

    [Fact]
    public async Task A_refused_token_ends_the_loop_with_a_clear_message_and_no_retry()
    {
        var fake = await HomeAssistantFake.StartAsync(token: "right");
        await using var ha = await ConnectedClient.StartAsync(fake, o => o with { Token = "wrong-token-value" }, waitConnected: false);

        var error = await Assert.ThrowsAsync<HaAuthenticationException>(() => ha.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("refused the access token", error.Message);
        Assert.DoesNotContain("wrong-token-value", error.Message);
        Assert.DoesNotContain("wrong-token-value", ha.Logs.AllText());
        Assert.Equal(0, ha.Client.ConnectionCount);
    }

    [Fact]
    public async Task Command_ids_increase_strictly_across_concurrent_calls()
    {
        // The fake answers id_reuse to any id not above the last, as HA does; 200 parallel calls must all succeed.
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("input_boolean.x", "off");
        await using var ha = await ConnectedClient.StartAsync(fake);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            ha.Client.CallServiceAsync("input_boolean", i % 2 == 0 ? "turn_on" : "turn_off", ServiceTarget.Entity("input_boolean.x"))));
        Assert.Equal(200, fake.ServiceCalls.Count);
    }

    [Fact]
    public async Task Frames_with_a_byte_order_mark_and_coalesced_frames_are_handled()
    {
        var fake = await HomeAssistantFake.StartAsync(prefixBom: true);
        await using var ha = await ConnectedClient.StartAsync(fake);
        var seen = new List<string>();
        using var _ = ha.Client.StateChanges.Where(c => c.New?.EntityId == "sensor.fast").Subscribe(c => { lock (seen) seen.Add(c.New!.State!); });
        // A burst queues faster than the fake sends, so it coalesces them into array frames.
        fake.SetStates(Enumerable.Range(1, 500).Select(i => ("sensor.fast", i.ToString(), (JsonObject?)null)));
        await WaitUntil(() => { lock (seen) return seen.Count == 500; });
        Assert.Equal(Enumerable.Range(1, 500).Select(i => i.ToString()), seen);
    }

    internal static async Task WaitUntil(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(10);
        }
    }
}
