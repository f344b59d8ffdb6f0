using System.Text.Json;
using ChargeBridge.Tests;

namespace ChargeBridge.HassModel.Tests;

public class EntityStateTests
{
    private static JsonElement Fixture(string folder, string name) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures", "home-assistant", folder, name))).RootElement;

    [Fact]
    public void Every_state_of_a_get_states_result_is_read()
    {
        var states = Fixture("netdaemon-client-testdata", "result_states.json").GetProperty("result").EnumerateArray().Select(EntityState.FromJson).ToList();
        Assert.Equal(19, states.Count);
        Assert.All(states, s => Assert.Contains('.', s.EntityId));
        Assert.All(states, s => Assert.NotNull(s.LastUpdated));
    }

    [Fact]
    public void A_state_changed_event_gives_old_and_new_state()
    {
        var evt = HaEvent.FromJson(Fixture("netdaemon-client-testdata", "event.json").GetProperty("event"));
        Assert.Equal("state_changed", evt.EventType);
        var oldState = EntityState.FromJson(evt.Data.GetProperty("old_state"));
        var newState = EntityState.FromJson(evt.Data.GetProperty("new_state"));
        Assert.Equal(("on", "off"), (oldState.State, newState.State));
        Assert.Equal("Rörelsedetektor vardagsrum", newState.AttributeString("friendly_name"));
        Assert.Equal(100, newState.AttributeNumber("battery_level"));
        Assert.Null(newState.Context!.ParentId);
    }

    [Theory]
    [InlineData("1523.4", 1523.4)]
    [InlineData("-3", -3.0)]
    [InlineData("unknown", null)]
    [InlineData("unavailable", null)]
    [InlineData("NaN", null)]
    [InlineData("on", null)]
    public void Numeric_state_is_null_when_not_a_number(string state, double? expected)
    {
        Assert.Equal(expected, new EntityState("sensor.x", state).NumericState);
    }

    [Fact]
    public void Unknown_and_unavailable_are_unavailable()
    {
        Assert.True(new EntityState("sensor.x", "unknown").IsUnavailable);
        Assert.True(new EntityState("sensor.x", "unavailable").IsUnavailable);
        Assert.False(new EntityState("sensor.x", "0").IsUnavailable);
    }

    [Fact]
    public void Get_config_reports_the_core_state()
    {
        var config = HaConfig.FromJson(Fixture("netdaemon-client-testdata", "result_config.json").GetProperty("result"));
        Assert.True(config.IsRunning);
        Assert.Equal("Europe/Stockholm", config.TimeZone);
    }

    [Fact]
    public void A_typed_event_reads_snake_case_data()
    {
        var evt = HaEvent.FromJson(Fixture("netdaemon-client-testdata", "service_event.json").GetProperty("event"));
        var data = evt.DataAs<ServiceCallData>();
        Assert.False(string.IsNullOrEmpty(data!.Domain));
        Assert.False(string.IsNullOrEmpty(data.Service));
    }

    private sealed record ServiceCallData(string Domain, string Service);
}
