using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Prices;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>HA misbehaving as a real one does: forgetting posted states on restart, answering a call in the wrong shape
/// or never, a price entity turning unavailable. None of it may cost the car its trip or the charger its command.</summary>
public class V2GHaFaultTests
{
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.AddHours(20);

    private static void PricesAndTrip(HomeAssistantFake fake)
    {
        fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour < 6));
        fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(2), "Trip to the coast 80 %")]);
    }

    /// <summary>Every sensor and binary sensor the app publishes, as V2GEntities names them.</summary>
    private static List<string> PublishedSensors() => [.. V2GEntities.Default.Sensors];

    private static int CalendarReads(HomeAssistantFake fake) => fake.ServiceCalls.Count(c => c is { Domain: "calendar", Service: "get_events" });

    [Fact]
    public async Task After_HA_restarts_and_forgets_the_posted_states_every_sensor_is_back_without_waiting_for_a_tick()
    {
        await using var h = await V2GHarness.StartAsync(40, PricesAndTrip);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        var sensors = PublishedSensors();
        Assert.True(sensors.Count >= 15);
        Assert.All(sensors, id => Assert.NotNull(h.Fake.GetState(id)));

        await h.Fake.RestartAsync(TimeSpan.FromSeconds(1));
        Assert.All(sensors, id => Assert.Null(h.Fake.GetState(id)));
        // Virtual time stands still: what brings them back is the reconnect seeing them gone, not the minute tick.
        await Wait.Until(() => sensors.All(id => h.Fake.GetState(id) is not null), "every sensor back after HA's restart");
    }

    [Fact]
    public async Task A_calendar_answer_without_a_response_keeps_the_trip_read_before()
    {
        await using var h = await V2GHarness.StartAsync(40, PricesAndTrip);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(h.Controller.CalendarPlan!.Targets, t => t.At == TripStart);

        h.Fake.InjectFault("calendar.get_events", FakeFault.UnexpectedShape);
        var reads = CalendarReads(h.Fake);
        h.Fake.SetState(V2GHarness.Calendar, "on");
        await h.SettledAsync(() => CalendarReads(h.Fake) > reads && !h.Controller.CalendarReading, "the calendar read HA answered without a response");
        await h.StepAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(h.Controller.CalendarPlan!.Targets, t => t.At == TripStart);
        Assert.Contains(h.Controller.Schedule!.Targets, t => t.Target.At == TripStart);
    }

    [Fact]
    public async Task A_mode_change_reaches_the_charger_while_a_calendar_read_goes_unanswered()
    {
        await using var h = await V2GHarness.StartAsync(40, PricesAndTrip);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        h.Fake.InjectFault("calendar.get_events", FakeFault.NoAnswer);
        var reads = CalendarReads(h.Fake);
        h.Fake.SetState(V2GHarness.Calendar, "on");
        await Wait.Until(() => CalendarReads(h.Fake) > reads && h.Controller.CalendarReading, "the calendar read HA leaves unanswered");

        // The schedule discharges now (dear hours, SoC above the minimum): boosting is a new set point.
        Assert.True(h.Sim.PowerSetPointWrites[^1] < 0);
        var writes = h.Sim.PowerSetPointWrites.Count;
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, V2GEntities.ModeNames[Core.Control.ChargeMode.MaxBoostNow]);
        await Wait.Until(() => h.Sim.PowerSetPointWrites.Count > writes, "the boost set point on the charger");

        // The client gives up on the read only after its command timeout: the command came while it was still waiting.
        Assert.True(h.Controller.CalendarReading);
        Assert.True(h.Sim.PowerSetPointWrites[^1] > 0);
    }

    /// <summary>Answers at once until told to hang, as a price service that stops answering mid-session.</summary>
    private sealed class HangingPriceSource : IPriceSource
    {
        private readonly TaskCompletionSource<PriceRead> _never = new();
        private volatile bool _asked;

        public bool Hang { get; set; }
        public bool Asked => _asked;
        public string? Entity => null;

        public Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct)
        {
            if (!Hang) return Task.FromResult(new PriceRead(null, "no prices yet"));
            _asked = true;
            return _never.Task;
        }
    }

    [Fact]
    public async Task A_mode_change_reaches_the_charger_while_a_price_read_hangs()
    {
        var prices = new HangingPriceSource();
        await using var h = await V2GHarness.StartAsync(40, options: new HarnessOptions(PriceSource: prices));
        prices.Hang = true;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await Wait.Until(() => prices.Asked, "the price read that hangs");
        var writes = h.Sim.PowerSetPointWrites.Count;
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, V2GEntities.ModeNames[Core.Control.ChargeMode.MaxDischargeNow]);
        await Wait.Until(() => h.Sim.PowerSetPointWrites.Count > writes, "the discharge set point on the charger");
        Assert.True(h.Sim.PowerSetPointWrites[^1] < 0);
    }

    [Fact]
    public async Task A_price_entity_gone_unavailable_keeps_the_prices_read_while_they_last_then_plans_for_the_trip_alone()
    {
        await using var h = await V2GHarness.StartAsync(40, PricesAndTrip);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(PriceBasis.Current, h.Controller.PriceBasis);
        var planned = h.Controller.Schedule;

        h.Fake.SetState(V2GHarness.PriceSensor, "unavailable", new JsonObject { ["friendly_name"] = "Prices" });
        // The state reaches the app over the WebSocket: the next step must see it.
        await Wait.Until(() => h.Ha.GetState(V2GHarness.PriceSensor)?.State == "unavailable", "the app's view of the price sensor");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(PriceBasis.Kept, h.Controller.PriceBasis);
        Assert.Same(planned, h.Controller.Schedule);
        var sensor = h.Fake.GetState(V2GEntities.Default.PlannedPower)!;
        Assert.Equal("last known prices", sensor.AttributeString("planned_on"));
        Assert.Contains(V2GHarness.PriceSensor, sensor.AttributeString("price_problem"));
        var kept = Assert.Single(h.Logs.GetSnapshot(), e => e.Has("Until"));
        Assert.Equal(LogLevel.Warning, kept.Level);
        Assert.Contains(V2GHarness.PriceSensor, kept.GetStructuredStateValue("Problem"));

        // The prices end 24 h after the start: from then on the plan is the trips-only one, which never discharges.
        while (h.Now < V2GHarness.Start.AddHours(24)) await h.StepAsync(TimeSpan.FromMinutes(30));
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(PriceBasis.None, h.Controller.PriceBasis);
        Assert.Contains(Core.Control.ReplanReason.PricesGone, h.Controller.PlannedFor);
        Assert.All(h.Controller.Schedule!.Slots, s => Assert.True(s.SetPoint.Watts >= 0));
        Assert.Equal("no prices: trips and minimum SoC only", h.Fake.GetState(V2GEntities.Default.PlannedPower)!.AttributeString("planned_on"));
        // Logged once per change of basis: once kept, once none.
        Assert.Equal(2, h.Logs.GetSnapshot().Count(e => e.Level == LogLevel.Warning && e.Has("Problem")));
    }
}
