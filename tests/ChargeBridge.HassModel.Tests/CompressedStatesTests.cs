using System.Text.Json;
using ChargeBridge.HassModel.Client;
using ChargeBridge.Tests;

namespace ChargeBridge.HassModel.Tests;

public class CompressedStatesTests
{
    private static JsonElement Event(string name) =>
        HaFrame.Parse(File.ReadAllBytes(RepoPaths.SharedFile("fixtures", "home-assistant", "constructed", name)))[0].GetProperty("event");

    [Fact]
    public void The_fixture_sequence_ends_in_the_expected_states()
    {
        var states = new Dictionary<string, EntityState>();
        foreach (var name in new[] { "subscribe_entities_event_initial.json", "subscribe_entities_event_change_state.json",
                     "subscribe_entities_event_change_attr_only.json", "subscribe_entities_event_change_attr_removed.json" })
            CompressedStates.Apply(states, Event(name));

        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures", "home-assistant", "constructed", "subscribe_entities_expected_states_after_sequence.json")));
        var expected = expectedDoc.RootElement.GetProperty("states");
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), states.Keys.Order());
        foreach (var entity in expected.EnumerateObject())
        {
            var want = EntityState.FromJson(entity.Value);
            var got = states[entity.Name];
            Assert.Equal(want.State, got.State);
            Assert.Equal(want.LastChanged, got.LastChanged);
            Assert.Equal(want.LastUpdated, got.LastUpdated);
            Assert.Equal(want.Context, got.Context);
            Assert.Equal(want.Attributes.Keys.Order(), got.Attributes.Keys.Order());
            foreach (var (key, value) in want.Attributes)
                Assert.True(JsonElement.DeepEquals(value, got.Attributes[key]), $"{entity.Name}.{key}: {value} != {got.Attributes[key]}");
        }
    }

    [Fact]
    public void Each_change_reports_old_and_new_state()
    {
        var states = new Dictionary<string, EntityState>();
        CompressedStates.Apply(states, Event("subscribe_entities_event_initial.json"));
        var change = Assert.Single(CompressedStates.Apply(states, Event("subscribe_entities_event_change_state.json")).Changes);
        Assert.Equal("1523.4", change.Old!.State);
        Assert.Equal("1490.1", change.New!.State);
    }

    [Fact]
    public void Coalesced_diffs_apply_in_order()
    {
        var states = new Dictionary<string, EntityState>();
        CompressedStates.Apply(states, Event("subscribe_entities_event_initial.json"));
        foreach (var message in HaFrame.Parse(File.ReadAllBytes(RepoPaths.SharedFile("fixtures", "home-assistant", "constructed", "subscribe_entities_coalesced_array.json"))))
            CompressedStates.Apply(states, message.GetProperty("event"));
        Assert.Equal("1470.0", states["sensor.grid_power"].State);
    }

    [Fact]
    public void Removal_reports_the_old_state_and_drops_the_entity()
    {
        var states = new Dictionary<string, EntityState>();
        CompressedStates.Apply(states, Event("subscribe_entities_event_initial.json"));
        var removal = Assert.Single(CompressedStates.Apply(states, Event("subscribe_entities_event_remove.json")).Changes);
        Assert.Null(removal.New);
        Assert.False(states.ContainsKey(removal.Old!.EntityId));
    }

    [Fact]
    public void A_diff_for_an_unknown_entity_is_ignored()
    {
        var states = new Dictionary<string, EntityState>();
        Assert.Empty(CompressedStates.Apply(states, Event("subscribe_entities_event_change_state.json")).Changes);
        Assert.Empty(states);
    }

    [Theory]
    [InlineData("""{"s": null}""")]
    [InlineData("""{"s": 5}""")]
    [InlineData("""{"a": {}}""")]
    [InlineData("""{"s": "on", "a": null}""")]
    [InlineData("""{"s": "on", "lc": "yesterday"}""")]
    [InlineData("""null""")]
    public void A_malformed_added_entity_is_skipped_by_name_and_the_others_are_applied(string malformed)
    {
        using var evt = JsonDocument.Parse("""{"a": {"sensor.before": {"s": "1"}, "sensor.broken": """ + malformed + """, "sensor.after": {"s": "2", "lc": 1732176000}}}""");
        var states = new Dictionary<string, EntityState>();
        var update = CompressedStates.Apply(states, evt.RootElement);
        Assert.Equal(["sensor.after", "sensor.before"], states.Keys.Order());
        Assert.Equal(["1", "2"], update.Changes.Select(c => c.New!.State).Order());
        Assert.Equal("sensor.broken", Assert.Single(update.Skipped).EntityId);
    }

    [Fact]
    public void A_malformed_diff_is_skipped_by_name_and_keeps_the_state_before()
    {
        var states = new Dictionary<string, EntityState>();
        using var added = JsonDocument.Parse("""{"a": {"sensor.a": {"s": "1"}, "sensor.b": {"s": "2"}}}""");
        CompressedStates.Apply(states, added.RootElement);
        using var changed = JsonDocument.Parse("""{"c": {"sensor.a": {"+": {"s": null}}, "sensor.b": {"+": {"s": "3"}}}}""");
        var update = CompressedStates.Apply(states, changed.RootElement);
        Assert.Equal(("1", "3"), (states["sensor.a"].State, states["sensor.b"].State));
        Assert.Equal("sensor.b", Assert.Single(update.Changes).New!.EntityId);
        Assert.Equal("sensor.a", Assert.Single(update.Skipped).EntityId);
    }
}
