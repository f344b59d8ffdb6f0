using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The learned departure in the loop: from the saved sessions into the plan and the next-target sensor, switched
/// off by its helper, and beaten by a calendar event that day.</summary>
public sealed class V2GLearnedDeparturesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chargebridge-learned-" + Guid.NewGuid().ToString("N"));
    /// <summary>The harness starts on a Thursday; the four Fridays before the next one the car left at 07:30 (UTC) and
    /// each trip used 20 %.</summary>
    private static readonly DateTimeOffset Friday = V2GHarness.Start.Date.AddDays(1);
    private static readonly DateTimeOffset Leaves = Friday.AddHours(7.5);

    public V2GLearnedDeparturesTests()
    {
        var sessions = Enumerable.Range(1, 4).Reverse().Select(w => Friday.AddDays(-7 * w))
            .Select(day => new PastSession(day.AddHours(-6), day.AddHours(7.5), new Percent(60), new Percent(80))).ToList();
        new StatisticsStore(_folder, new FakeLogger<StoredStatistics>()).Save(StatisticsState.Empty with { Sessions = sessions });
    }

    private Task<V2GHarness> StartAsync(Action<HomeAssistantFake>? setUp = null, bool configured = true) =>
        V2GHarness.StartAsync(40, fake =>
        {
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(h => h < 6));
            setUp?.Invoke(fake);
        }, new HarnessOptions(Folder: _folder, LearnedDepartures: configured));

    [Fact]
    public async Task A_day_without_an_event_gets_the_learned_target_marked_as_learned()
    {
        await using var h = await StartAsync();
        // The need: min SoC 20 % + the 20 % the three known trips used.
        Assert.Equal(new LearnedDeparture(Leaves, new Percent(40), 4), h.Controller.CalendarPlan!.Learned);
        Assert.Equal(Leaves, h.Controller.CalendarPlan.Targets.Single().At);
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.NextTarget)?.AttributeString("source") == "learned", "the next target published as learned");
        Assert.Equal("learned from your departures", h.Fake.GetState(V2GEntities.Default.NextTarget)!.AttributeString("source_text"));
    }

    [Fact]
    public async Task The_helper_switched_off_leaves_the_day_without_a_target()
    {
        await using var h = await StartAsync();
        Assert.NotNull(h.Controller.CalendarPlan!.Learned);
        h.Fake.SetState(V2GEntities.Default.LearnedDepartures.EntityId, "off");
        await h.SettledAsync(() => h.Controller.CalendarPlan!.Targets.Count == 0, "the learned target gone");
        Assert.Null(h.Controller.CalendarPlan!.Learned);
    }

    [Fact]
    public async Task The_config_key_set_to_false_leaves_it_out_with_the_helper_on()
    {
        await using var h = await StartAsync(configured: false);
        Assert.Equal("on", h.Fake.GetState(V2GEntities.Default.LearnedDepartures.EntityId)?.State);
        Assert.Empty(h.Controller.CalendarPlan!.Targets);
        Assert.Null(h.Controller.CalendarPlan.Learned);
    }

    [Fact]
    public async Task A_calendar_event_that_day_wins()
    {
        var trip = Friday.AddHours(10);
        await using var h = await StartAsync(fake =>
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(trip, trip.AddHours(2), "Dentist")]));
        await h.SettledAsync(() => h.Controller.CalendarPlan!.Targets.Any(), "the calendar read");
        Assert.Equal(trip, h.Controller.CalendarPlan!.Targets.Single().At);
        Assert.Null(h.Controller.CalendarPlan.Learned);
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.NextTarget)?.AttributeString("source") == "calendar", "the next target published as from the calendar");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
