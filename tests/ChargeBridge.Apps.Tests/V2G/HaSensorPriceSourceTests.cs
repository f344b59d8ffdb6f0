using System.Text.Json;
using ChargeBridge.Apps.V2G;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;

namespace ChargeBridge.Apps.Tests.V2G;

public class HaSensorPriceSourceTests
{
    private static PriceData? Read(string? pricesJson, out string? problem)
    {
        var attributes = new Dictionary<string, JsonElement>();
        if (pricesJson is not null) attributes["prices"] = JsonDocument.Parse(pricesJson).RootElement.Clone();
        var source = new HaSensorPriceSource(new OneEntity(new EntityState("sensor.prices", "0.2", attributes)), "sensor.prices");
        return source.Read(out problem);
    }

    [Fact]
    public void Quarter_hour_prices_are_read_in_EUR_per_kWh_with_a_15_minute_resolution()
    {
        var data = Read("""[{"time":"2026-03-01T00:00:00+01:00","value":0.21},{"time":"2026-03-01T00:15:00+01:00","value":"0.19"}]""", out _);
        Assert.NotNull(data);
        Assert.Equal(TimeSpan.FromMinutes(15), data.Prices.Resolution);
        Assert.Equal(0.19, data.Prices.ValueAt(new DateTimeOffset(2026, 2, 28, 23, 20, 0, TimeSpan.Zero))?.EurPerKwh);
    }

    [Fact]
    public void A_missing_hour_is_a_gap_and_unreadable_entries_are_skipped()
    {
        var data = Read("""
            [{"time":"2026-03-01T00:00:00Z","value":0.1},{"time":"2026-03-01T01:00:00Z","value":null},{"time":"soon","value":0.3},
             "junk",{"value":0.4},{"time":"2026-03-01T02:00:00Z","value":0.2},{"time":"2026-03-01T03:00:00Z","value":0.25}]
            """, out _);
        Assert.NotNull(data);
        Assert.Equal(3, data.Prices.Points.Count);
        Assert.Equal(TimeSpan.FromHours(1), data.Prices.Resolution);
        Assert.Null(data.Prices.ValueAt(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(null, "has no 'prices' list")]
    [InlineData("\"0.2\"", "has no 'prices' list")]
    [InlineData("[]", "has no readable prices")]
    [InlineData("""[{"time":"x","value":1}]""", "has no readable prices")]
    public void Without_usable_prices_there_are_none_and_the_reason_is_given(string? pricesJson, string reason)
    {
        Assert.Null(Read(pricesJson, out var problem));
        Assert.Contains(reason, problem);
    }

    /// <summary>An HA view holding one entity: all the price source reads.</summary>
    private sealed class OneEntity(EntityState state) : IHaContext
    {
        public EntityState? GetState(string entityId) => entityId == state.EntityId ? state : null;
        public IReadOnlyList<Entity> GetAllEntities() => throw new NotSupportedException();
        public IObservable<StateChange> StateAllChanges() => throw new NotSupportedException();
        public IObservable<HaEvent> Events => throw new NotSupportedException();
        public void CallService(string domain, string service, ServiceTarget? target = null, object? data = null) => throw new NotSupportedException();
        public Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null) =>
            throw new NotSupportedException();
        public void SendEvent(string eventType, object? data = null) => throw new NotSupportedException();
    }
}
