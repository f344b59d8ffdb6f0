using System.Reactive.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

/// <summary>Our client against HA's own messages: what it sends has HA's documented shape, and every kind of
/// answer in the fixtures is handled as HA means it.</summary>
public sealed class FixtureReplayTests : IAsyncLifetime
{
    private FixtureReplayServer _server = null!;
    private HomeAssistantClient _client = null!;
    private readonly CancellationTokenSource _stop = new();
    private readonly FakeLogCollector _logs = new();
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FixtureReplayServer.StartAsync();
        _client = new HomeAssistantClient(_server.ClientOptions, new FakeLogger<HomeAssistantClient>(_logs), TimeProvider.System);
    }

    private async Task ConnectAsync()
    {
        var connected = _client.Connected.FirstAsync(up => up);
        _run = _client.RunAsync(_stop.Token);
        await connected;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.ContinueWith(_ => { });
        await _server.DisposeAsync();
    }

    /// <summary>Same keys and values as the fixture command, ignoring the id.</summary>
    private static void AssertSameShape(string fixture, JsonObject sent)
    {
        var expected = FixtureReplayServer.Fixture(fixture);
        expected.Remove("id");
        var actual = sent.DeepClone().AsObject();
        actual.Remove("id");
        Assert.True(JsonNode.DeepEquals(Normalise(expected), Normalise(actual)), $"sent {actual.ToJsonString()}\nexpected {expected.ToJsonString()}");
    }

    /// <summary>Numbers compared by value (20 and 20.0 are the same to HA).</summary>
    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalise).ToArray()),
        JsonValue v when v.TryGetValue<double>(out var d) => JsonValue.Create(d),
        _ => node?.DeepClone(),
    };

    private JsonObject LastSent(string type) => _server.Received.Last(m => m["type"]?.GetValue<string>() == type);

    [Fact]
    public async Task The_handshake_with_HA_fixtures_connects_and_the_setup_commands_have_HA_shape()
    {
        await ConnectAsync();
        Assert.Equal("auth", _server.Received[0]["type"]!.GetValue<string>());
        Assert.Equal("replay-token", _server.Received[0]["access_token"]!.GetValue<string>());
        AssertSameShape("ha-docs-examples/supported_features_cmd.json", LastSent("supported_features"));
        AssertSameShape("ha-docs-examples/get_config_cmd.json", LastSent("get_config"));
        Assert.Equal("Europe/Stockholm", _client.Config!.TimeZone);
        var ids = _server.Received.Skip(1).Select(m => m["id"]!.GetValue<int>()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Auth_invalid_from_the_fixture_is_a_refused_token()
    {
        _server.AuthAnswer = "netdaemon-client-testdata/auth_notok.json";
        _run = _client.RunAsync(_stop.Token);
        var error = await Assert.ThrowsAsync<HaAuthenticationException>(() => _run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Invalid password", error.ServerMessage);
    }

    [Fact]
    public async Task The_initial_entities_fixture_fills_the_cache()
    {
        await ConnectAsync();
        Assert.Equal("1523.4", _client.GetState("sensor.grid_power")!.State);
        Assert.Equal(80, _client.GetState("input_number.ev_target_soc")!.NumericState);
    }

    [Fact]
    public async Task Entity_changes_and_coalesced_changes_reach_the_cache_and_the_stream()
    {
        await ConnectAsync();
        var seen = new List<string?>();
        using var _ = _client.StateChanges.Subscribe(c => { lock (seen) seen.Add(c.New?.State); });
        await _server.SendRawFixtureAsync("constructed/subscribe_entities_event_change_state.json");
        await _server.SendRawFixtureAsync("constructed/subscribe_entities_coalesced_array.json");
        await HomeAssistantClientTests.WaitUntil(() => _client.GetState("sensor.grid_power")!.State == "1470.0");
        lock (seen) Assert.Equal(["1490.1", "1480.0", "1470.0"], seen);
    }

    [Fact]
    public async Task An_entity_HA_sends_without_a_state_is_one_warning_by_name_and_the_others_are_loaded()
    {
        _server.Replies["subscribe_entities"] = ["constructed/subscribe_entities_result.json",
            """{"id": 0, "type": "event", "event": {"a": {"sensor.broken": {"s": null, "a": {}}, "sensor.fine": {"s": "7", "a": {}}}}}"""];
        await ConnectAsync();
        Assert.Equal("7", _client.GetState("sensor.fine")!.State);
        Assert.Null(_client.GetState("sensor.broken"));
        var warning = Assert.Single(_logs.GetSnapshot(), e => e.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Warning, "sensor.broken"), (warning.Level, warning.GetStructuredStateValue("EntityId")));
    }

    [Fact]
    public async Task An_entity_malformed_in_the_list_after_a_reconnect_keeps_its_state_from_before()
    {
        _server.Replies["subscribe_entities"] = ["constructed/subscribe_entities_result.json",
            """{"id": 0, "type": "event", "event": {"a": {"sensor.flaky": {"s": "5"}}}}"""];
        await ConnectAsync();
        var changes = new List<EntityState?>();
        using var _ = _client.StateChanges.Subscribe(c => { lock (changes) changes.Add(c.New); });
        _server.Replies["subscribe_entities"] = ["constructed/subscribe_entities_result.json",
            """{"id": 0, "type": "event", "event": {"a": {"sensor.flaky": {"s": null}}}}"""];
        var reconnected = _client.Connected.Where(up => up && _client.ConnectionCount == 2).FirstAsync();
        _server.DropConnection();
        await reconnected;
        Assert.Equal("5", _client.GetState("sensor.flaky")!.State);
        lock (changes) Assert.Empty(changes);
        Assert.Equal("sensor.flaky", Assert.Single(_logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Has("EntityId")).GetStructuredStateValue("EntityId"));
    }

    [Theory]
    [InlineData("netdaemon-client-testdata/result_msg_error.json", "invalid_format")]
    [InlineData("ha-docs-examples/result_error_invalid_format.json", "invalid_format")]
    [InlineData("ha-docs-examples/result_error_service_validation.json", "service_validation_error")]
    [InlineData("constructed/calendar_get_events_missing_return_response_error.json", "service_validation_error")]
    [InlineData("constructed/input_number_create_error.json", "invalid_format")]
    public async Task Error_results_become_errors_with_the_server_code_and_message(string fixture, string code)
    {
        _server.Replies["call_service"] = [fixture];
        await ConnectAsync();
        var error = await Assert.ThrowsAsync<HaCommandException>(() => _client.CallServiceAsync("light", "turn_on"));
        Assert.Equal(code, error.Code);
        Assert.Equal(FixtureReplayServer.Fixture(fixture)["error"]!["message"]!.GetValue<string>(), error.ServerMessage);
    }

    [Fact]
    public async Task A_failure_without_an_error_object_is_still_an_error()
    {
        _server.Replies["call_service"] = ["{\"id\": 0, \"type\": \"result\", \"success\": false}"];
        await ConnectAsync();
        var error = await Assert.ThrowsAsync<HaCommandException>(() => _client.CallServiceAsync("light", "turn_on"));
        Assert.Equal("unknown_error", error.Code);
    }

    [Fact]
    public async Task Service_calls_have_HA_shape_and_responses_are_returned()
    {
        _server.Replies["call_service"] = ["ha-docs-examples/call_service_result.json"];
        await ConnectAsync();
        var response = await _client.CallServiceAsync("light", "turn_on", ServiceTarget.Entity("light.kitchen"),
            new Dictionary<string, object> { ["color_name"] = "beige", ["brightness"] = "101" }, returnResponse: true);
        AssertSameShape("ha-docs-examples/call_service_cmd.json", LastSent("call_service"));
        Assert.Equal(JsonValueKind.Null, response!.Value.ValueKind);
    }

    [Fact]
    public async Task Calendar_get_events_has_HA_shape_and_its_events_are_under_the_calendar()
    {
        _server.Replies["call_service"] = ["constructed/calendar_get_events_result.json"];
        await ConnectAsync();
        var response = await _client.CallServiceAsync("calendar", "get_events", ServiceTarget.Entity("calendar.ev_trips"),
            new { start_date_time = "2024-11-21T00:00:00+01:00", end_date_time = "2024-11-23T00:00:00+01:00" }, returnResponse: true);
        AssertSameShape("constructed/calendar_get_events_cmd.json", LastSent("call_service"));
        var events = response!.Value.GetProperty("calendar.ev_trips").GetProperty("events");
        Assert.Equal(["Office", "Day trip"], events.EnumerateArray().Select(e => e.GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task The_old_calendar_list_events_answer_with_a_byte_order_mark_is_read()
    {
        _server.Replies["call_service"] = ["netdaemon-client-testdata/result_calendar_list_event.json"];
        await ConnectAsync();
        var response = await _client.CallServiceAsync("calendar", "list_events", ServiceTarget.Entity("calendar.x"), returnResponse: true);
        Assert.True(response!.Value.GetProperty("events").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Helpers_are_created_with_HA_shape()
    {
        _server.Replies["input_number/create"] = ["constructed/input_number_create_result.json"];
        _server.Replies["input_boolean/create"] = ["constructed/input_boolean_create_result.json"];
        _server.Replies["input_select/create"] = ["constructed/input_select_create_result.json"];
        await ConnectAsync();
        var provisioner = new HelperProvisioner(_client, new FakeLogger<HelperProvisioner>(_logs));
        var expectedNumber = FixtureReplayServer.Fixture("constructed/input_number_create_cmd.json");
        var expectedBoolean = FixtureReplayServer.Fixture("constructed/input_boolean_create_cmd.json");
        var expectedSelect = FixtureReplayServer.Fixture("constructed/input_select_create_cmd.json");
        await provisioner.EnsureAsync([
            HelperDefinition.InputNumber("EV target SoC (new)", 20, 100, 5, "%", icon: "mdi:battery-charging"),
            FromFixture("input_boolean", expectedBoolean),
            FromFixture("input_select", expectedSelect),
        ]);
        var sentNumber = LastSent("input_number/create");
        sentNumber["name"] = expectedNumber["name"]!.GetValue<string>();
        AssertSameShape("constructed/input_number_create_cmd.json", sentNumber);
        AssertSameShape("constructed/input_boolean_create_cmd.json", LastSent("input_boolean/create"));
        AssertSameShape("constructed/input_select_create_cmd.json", LastSent("input_select/create"));
    }

    private static HelperDefinition FromFixture(string domain, JsonObject command) =>
        new(domain, command["name"]!.GetValue<string>(), command
            .Where(p => p.Key is not ("id" or "type" or "name"))
            .ToDictionary(p => p.Key, p => (object?)JsonSerializer.Deserialize<JsonElement>(p.Value!.ToJsonString())));

    [Fact]
    public async Task A_result_for_an_id_never_sent_is_ignored_and_the_next_answer_still_matches()
    {
        await ConnectAsync();
        await _server.SendRawFixtureAsync("netdaemon-client-testdata/result_msg_error.json");
        await _client.CallServiceAsync("light", "turn_on");
        Assert.True(_client.IsConnected);
    }

    [Fact]
    public async Task Coalesced_bus_events_arrive_one_by_one()
    {
        await ConnectAsync();
        var events = new List<string>();
        using var _ = new[] { "device_registry_updated", "area_registry_updated", "test_event" }.Select(_client.Events).Merge()
            .Subscribe(e => { lock (events) events.Add(e.EventType); });
        await HomeAssistantClientTests.WaitUntil(() => _server.Received.Count(m => m["type"]!.GetValue<string>() == "subscribe_events") == 3);
        AssertSameShape("ha-docs-examples/subscribe_events_cmd.json", LastSent("subscribe_events").Also(m => m["event_type"] = "state_changed"));
        await _server.SendRawFixtureAsync("netdaemon-client-testdata/deviceregistry_update.json");
        await _server.SendRawFixtureAsync("ha-docs-examples/event_test_event.json");
        await HomeAssistantClientTests.WaitUntil(() => { lock (events) return events.Count == 3; });
        lock (events) Assert.Equal(["device_registry_updated", "area_registry_updated", "test_event"], events);
    }

    [Fact]
    public async Task Fired_events_have_HA_shape()
    {
        await ConnectAsync();
        await _client.FireEventAsync("mydomain_event", new { device_id = "my-device-id", type = "motion_detected" });
        AssertSameShape("ha-docs-examples/fire_event_cmd.json", LastSent("fire_event"));
    }

    [Fact]
    public async Task Ping_is_answered_by_the_fixture_pong_with_a_byte_order_mark()
    {
        await ConnectAsync();
        var pong = await _client.SendCommandAsync("ping", null);
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        AssertSameShape("ha-docs-examples/ping.json", LastSent("ping"));
    }
}

internal static class JsonObjectExtensions
{
    /// <summary>Applies <paramref name="change"/> to a copy, for comparing against a fixture that differs only there.</summary>
    public static JsonObject Also(this JsonObject json, Action<JsonObject> change)
    {
        var copy = json.DeepClone().AsObject();
        change(copy);
        return copy;
    }
}
