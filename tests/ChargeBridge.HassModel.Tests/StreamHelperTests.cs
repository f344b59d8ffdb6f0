using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

public class StreamHelperTests
{
    /// <summary>An IHaContext whose states and changes the test sets by hand.</summary>
    private sealed class ManualContext : IHaContext
    {
        private readonly Dictionary<string, EntityState> _states = [];
        private readonly Subject<StateChange> _changes = new();

        public void Set(string entityId, string state)
        {
            _states.TryGetValue(entityId, out var old);
            var now = new EntityState(entityId, state);
            _states[entityId] = now;
            _changes.OnNext(new StateChange(new Entity(this, entityId), old, now));
        }

        public EntityState? GetState(string entityId) => _states.GetValueOrDefault(entityId);
        public IReadOnlyList<Entity> GetAllEntities() => _states.Keys.Select(k => new Entity(this, k)).ToList();
        public IObservable<StateChange> StateAllChanges() => _changes;
        public IObservable<HaEvent> Events(string eventType) => Observable.Empty<HaEvent>();
        public void CallService(string domain, string service, ServiceTarget? target = null, object? data = null) { }
        public Task CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, CancellationToken ct = default) => Task.CompletedTask;
        public Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null) => Task.FromResult<JsonElement?>(null);
        public void SendEvent(string eventType, object? data = null) { }
    }

    [Fact]
    public void When_state_is_for_fires_only_after_the_state_held_for_the_duration()
    {
        var ha = new ManualContext();
        var scheduler = new HistoricalScheduler(DateTimeOffset.UnixEpoch);
        var fired = new List<string?>();
        ha.Entity("binary_sensor.car_plugged").StateChanges()
            .WhenStateIsFor(s => s.IsOn(), TimeSpan.FromMinutes(5), scheduler)
            .Subscribe(c => fired.Add(c.New?.State));

        ha.Set("binary_sensor.car_plugged", "on");
        scheduler.AdvanceBy(TimeSpan.FromMinutes(4));
        ha.Set("binary_sensor.car_plugged", "off");
        scheduler.AdvanceBy(TimeSpan.FromMinutes(10));
        Assert.Empty(fired);

        ha.Set("binary_sensor.car_plugged", "on");
        scheduler.AdvanceBy(TimeSpan.FromMinutes(5));
        Assert.Equal(["on"], fired);
    }

    [Fact]
    public void When_state_is_for_tracks_each_entity_on_its_own()
    {
        var ha = new ManualContext();
        var scheduler = new HistoricalScheduler(DateTimeOffset.UnixEpoch);
        var fired = new List<string>();
        ha.StateAllChanges().WhenStateIsFor(s => s.IsOn(), TimeSpan.FromMinutes(1), scheduler).Subscribe(c => fired.Add(c.Entity.EntityId));
        ha.Set("switch.a", "on");
        ha.Set("switch.b", "on");
        scheduler.AdvanceBy(TimeSpan.FromMinutes(1));
        Assert.Equal(["switch.a", "switch.b"], fired.Order());
    }

    [Fact]
    public void State_changes_with_current_starts_with_the_present_state()
    {
        var ha = new ManualContext();
        ha.Set("sensor.soc", "40");
        var seen = new List<string?>();
        ha.Entity("sensor.soc").StateChangesWithCurrent().Subscribe(c => seen.Add(c.New?.State));
        ha.Set("sensor.soc", "41");
        Assert.Equal(["40", "41"], seen);
    }

    [Fact]
    public void State_changes_skip_attribute_only_changes_and_state_all_changes_keep_them()
    {
        var ha = new ManualContext();
        var all = new List<string?>();
        var changed = new List<string?>();
        var entity = ha.Entity("sensor.soc");
        entity.StateAllChanges().Subscribe(c => all.Add(c.New?.State));
        entity.StateChanges().Subscribe(c => changed.Add(c.New?.State));
        ha.Set("sensor.soc", "40");
        ha.Set("sensor.soc", "40");
        ha.Set("sensor.soc", "41");
        Assert.Equal(["40", "40", "41"], all);
        Assert.Equal(["40", "41"], changed);
    }

    [Fact]
    public void Numeric_entities_read_unknown_and_unavailable_as_null()
    {
        var ha = new ManualContext();
        var soc = ha.NumericEntity("sensor.soc");
        ha.Set("sensor.soc", "unavailable");
        Assert.Null(soc.State);
        ha.Set("sensor.soc", "55.5");
        Assert.Equal(55.5, soc.State);
    }

    [Fact]
    public void On_and_off_are_read_from_the_state()
    {
        var ha = new ManualContext();
        ha.Set("switch.v2g", "on");
        Assert.True(ha.Entity("switch.v2g").IsOn());
        Assert.False(ha.Entity("switch.v2g").IsOff());
        Assert.False(ha.Entity("switch.unknown").IsOn());
    }

    [Fact]
    public void Safe_subscribe_logs_and_survives_a_throwing_handler()
    {
        var logs = new FakeLogCollector();
        var source = new Subject<int>();
        var seen = new List<int>();
        using var _ = source.SubscribeSafe(i =>
        {
            if (i == 2) throw new InvalidOperationException("two is bad");
            seen.Add(i);
        }, new FakeLogger<StreamHelperTests>(logs));
        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        Assert.Equal([1, 3], seen);
        var failure = Assert.Single(logs.GetSnapshot()).Exception;
        Assert.Equal("two is bad", Assert.IsType<InvalidOperationException>(failure).Message);
    }

    [Fact]
    public async Task Safe_async_subscribe_handles_one_value_at_a_time_in_order_and_survives_failures()
    {
        var logs = new FakeLogCollector();
        var source = new Subject<int>();
        var seen = new List<int>();
        var done = new TaskCompletionSource();
        using var _ = source.SubscribeSafeAsync(async i =>
        {
            await Task.Delay(5);
            if (i == 2) throw new InvalidOperationException("async two is bad");
            lock (seen) seen.Add(i);
            if (i == 4) done.SetResult();
        }, new FakeLogger<StreamHelperTests>(logs));
        for (var i = 1; i <= 4; i++) source.OnNext(i);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([1, 3, 4], seen);
        var failure = Assert.Single(logs.GetSnapshot()).Exception;
        Assert.Equal("async two is bad", Assert.IsType<InvalidOperationException>(failure).Message);
    }

    [Fact]
    public void Typed_event_filter_keeps_only_the_named_type()
    {
        var events = new[]
        {
            new HaEvent("mobile_app_notification_action", JsonSerializer.SerializeToElement(new { action = "KEEP" })),
            new HaEvent("other", JsonSerializer.SerializeToElement(new { action = "NO" })),
        }.ToObservable();
        var actions = events.Filter<ActionData>("mobile_app_notification_action").Select(e => e.Data!.Action).ToEnumerable().ToList();
        Assert.Equal(["KEEP"], actions);
    }

    private sealed record ActionData(string Action);
}
