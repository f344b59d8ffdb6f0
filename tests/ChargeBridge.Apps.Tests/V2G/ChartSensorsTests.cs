using System.Globalization;
using System.Text.Json;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Apps.Tests.V2G;

public class ChartSensorsTests
{
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.Date.AddDays(1).AddHours(8);

    private static ScheduleSlot Slot(int i, double from, double to) =>
        new(V2GHarness.Start.AddMinutes(5 * i), TimeSpan.FromMinutes(5), Power.FromWatts(to > from ? 7400 : 0), new Percent(from), new Percent(to));

    [Fact]
    public void The_prognosis_keeps_the_ends_of_each_straight_stretch_only()
    {
        // Idle for 3 slots, then charging 1 %-point per slot for 4 slots.
        var slots = new[] { Slot(0, 40, 40), Slot(1, 40, 40), Slot(2, 40, 40), Slot(3, 40, 41), Slot(4, 41, 42), Slot(5, 42, 43), Slot(6, 43, 44) };

        var points = ChartSensors.Prognosis(new Schedule(slots, 0, 0, 0, []));

        Assert.Equal([(0, 40.0), (15, 40.0), (35, 44.0)], points.Select(p => ((int)(p.Time - V2GHarness.Start).TotalMinutes, p.Value!.Value)));
        Assert.Empty(ChartSensors.Prognosis(null));
    }

    [Fact]
    public void The_SoC_history_holds_one_point_per_5_minutes_for_the_last_24_hours()
    {
        var history = new SocHistory();
        for (var m = 0; m <= 25 * 60; m++) history.Add(V2GHarness.Start.AddMinutes(m), new Percent(40 + m / 100.0));
        history.Add(V2GHarness.Start.AddMinutes(25 * 60 + 1), null);

        var now = V2GHarness.Start.AddHours(25);
        Assert.Equal(24 * 12, history.Points.Count);
        Assert.True(history.Points[0].Time > now.AddHours(-24));
        Assert.All(history.Points.Zip(history.Points.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(5), p.Second.Time - p.First.Time));
        Assert.Equal(55, history.Points[^1].Value);
    }

    [Fact]
    public async Task Every_step_publishes_net_prices_the_SoC_prognosis_the_calendar_events_and_the_SoC_history()
    {
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(2), "Trip to the coast 80 %")]);
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(x => x < 6));
        });
        h.Fake.SetState(V2GEntities.PriceMarkup.EntityId, "0.02");
        h.Fake.SetState(V2GEntities.Vat.EntityId, "10");
        for (var i = 0; i < 30; i++) await h.StepAsync(TimeSpan.FromMinutes(1));

        var price = h.Fake.GetState(V2GEntities.NetPrice)!;
        Assert.Equal(0.352, double.Parse(price.State!, CultureInfo.InvariantCulture), 9);
        var prices = price.Attribute("prices")!.Value.EnumerateArray().ToList();
        Assert.Equal(0.352, prices[0].GetProperty("value").GetDouble(), 9);
        Assert.Contains(prices, p => p.GetProperty("value").ValueKind == JsonValueKind.Number && Math.Abs(p.GetProperty("value").GetDouble() - 0.077) < 1e-9);

        var prognosis = h.Fake.GetState(V2GEntities.Default.SocPrognosis)!.Attribute("prognosis")!.Value.EnumerateArray().ToList();
        Assert.True(prognosis.Count >= 2);
        Assert.True(prognosis.Max(p => p.GetProperty("value").GetDouble()) >= 79, "the prognosis reaches the trip's 80 %");
        Assert.Equal(h.Controller.Schedule!.Slots[0].Start, prognosis[0].GetProperty("time").GetDateTimeOffset());

        var calendar = h.Fake.GetState(V2GEntities.Default.CalendarEvents)!;
        Assert.Equal("1", calendar.State);
        var trip = calendar.Attribute("events")!.Value.EnumerateArray().Single();
        Assert.Equal(("Trip to the coast 80 %", 80.0, TripStart), (trip.GetProperty("summary").GetString(), trip.GetProperty("soc").GetDouble(),
            trip.GetProperty("start").GetDateTimeOffset()));

        var history = h.Fake.GetState(V2GEntities.Default.Soc)!.Attribute("history")!.Value.EnumerateArray().ToList();
        Assert.InRange(history.Count, 6, 9);
        Assert.Equal(h.Driver.Status.StateOfCharge!.Value.Value, history[^1].GetProperty("value").GetDouble(), 0);
    }
}
