using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Prices;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

public class V2GControllerTests
{
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.Date.AddDays(1).AddHours(8);

    private static void Trip(HomeAssistantFake fake) =>
        fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(2), "Trip to the coast 80 %")]);

    private static bool Cheap(int utcHour) => utcHour < 6;

    [Fact]
    public async Task A_calendar_target_is_met_by_charging_in_the_cheap_night_hours()
    {
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            Trip(fake);
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(Cheap));
        });
        Assert.True(h.Controller.Schedule is not null, h.Logs.AllText());
        Assert.Equal(TripStart, h.Controller.CalendarPlan!.Targets.Single().At);

        var charging = new List<(DateTimeOffset At, double Watts)>();
        while (h.Now < TripStart)
        {
            await h.StepAsync(TimeSpan.FromMinutes(1));
            var snapshot = h.Sim.Snapshot();
            if (snapshot.ActualPowerW > 0) charging.Add((h.Now, snapshot.ActualPowerW));
        }

        Assert.NotEmpty(charging);
        // The simulator follows a new set point after a few seconds, so a charge may run on one tick past a cheap hour;
        // and the plan may top up just before the trip where the car's losses differ from the planner's model.
        var outside = charging.Where(c => !Cheap(c.At.AddMinutes(-1).Hour)).ToList();
        Assert.True(outside.Count <= charging.Count / 20, $"{outside.Count} of {charging.Count} charging minutes outside the cheap hours, first at {outside.FirstOrDefault().At:O}");
        Assert.True(h.Sim.Snapshot().SocPct >= 79, $"SoC at the trip {h.Sim.Snapshot().SocPct} %");
        Assert.Contains(h.Sim.PowerSetPointWrites, w => w > 0);
        Assert.Equal("80", h.Fake.GetState(V2GEntities.Default.NextTarget)?.AttributeString("soc"));
        Assert.NotEmpty(h.Fake.GetState(V2GEntities.Default.PlannedPower)!.Attribute("schedule")!.Value.EnumerateArray());
    }

    [Fact]
    public async Task Max_boost_set_in_HA_charges_at_full_power_at_once_and_pause_hands_control_back()
    {
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            Trip(fake);
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(Cheap));
        });
        Assert.True(h.Sim.Snapshot().RemoteControl);
        Assert.DoesNotContain(h.Sim.PowerSetPointWrites, w => w > 0);

        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "a 7400 W write without a tick");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(7400, h.Sim.Snapshot().ActualPowerW, 0);
        Assert.Equal("Max boost now", h.Fake.GetState(V2GEntities.Default.Mode)?.State);

        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Pause");
        await h.SettledAsync(() => !h.Sim.Snapshot().RemoteControl, "control handed back to the charger's app");
        Assert.Equal(0, h.Sim.PowerSetPointWrites.Last());

        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Automatic");
        await h.SettledAsync(() => h.Sim.Snapshot().RemoteControl, "control taken back in Automatic");
    }

    [Fact]
    public async Task Max_discharge_set_in_HA_discharges_at_full_power_at_once()
    {
        await using var h = await V2GHarness.StartAsync(60, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(Cheap, cheap: 0.30)));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max discharge now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == -7400, "a -7400 W write without a tick");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(-7400, h.Sim.Snapshot().ActualPowerW, 0);
        Assert.Equal("Max discharge now", h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State);
    }

    [Fact]
    public async Task A_boost_that_reaches_the_practical_maximum_sets_the_select_back_to_Automatic()
    {
        await using var h = await V2GHarness.StartAsync(96, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(Cheap)));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");
        for (var i = 0; i < 30 && h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State != "Automatic"; i++)
            await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("Automatic", h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State);
        Assert.True(h.Driver.Status.StateOfCharge?.Value >= 97, $"SoC {h.Driver.Status.StateOfCharge}");
    }

    [Fact]
    public async Task With_HA_away_the_loop_keeps_the_calendar_it_read_and_goes_on_controlling_the_charger()
    {
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            Trip(fake);
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(Cheap));
        });
        await h.Fake.DisposeAsync();
        await Wait.Until(() => !h.Client.IsConnected, "the client to see HA gone");
        var polls = h.Sim.Requests;
        await h.StepAsync(V2GController.CalendarInterval);

        var controller = h.Logs.GetSnapshot().Where(r => r.Category == typeof(V2GController).FullName).ToList();
        Assert.Contains(controller, r => r.Level == LogLevel.Warning && r.GetStructuredStateValue("Count") == "1" && r.Has("Reason"));
        // The sensors' publishing failure: a warning with HA's reason or an error with the exception, not the calendar's.
        Assert.Contains(controller, r => r.Level >= LogLevel.Warning && r.GetStructuredStateValue("Count") is null && (r.Has("Reason") || r.Exception is not null));
        Assert.DoesNotContain(controller, r => r.Id == V2GController.StepFailed);
        Assert.True(h.Sim.Requests > polls, "the charger was read in the step");
        Assert.Equal(TripStart, h.Controller.CalendarPlan!.Targets.Single().At);
    }

    [Fact]
    public async Task Without_prices_the_trip_is_still_met_by_charging_as_late_as_safely_possible_and_the_car_is_never_discharged()
    {
        await using var h = await V2GHarness.StartAsync(40, Trip);
        for (var i = 0; i < 20; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(PriceBasis.None, h.Controller.PriceBasis);
        var schedule = h.Controller.Schedule!;
        Assert.True(schedule.TargetsMet);
        Assert.All(schedule.Slots, s => Assert.True(s.SetPoint.Watts >= 0));
        // No price to pick an hour by: the charge waits until it must start to be done an hour before the trip.
        Assert.False(schedule.Slots[0].SetPoint.IsCharging);
        Assert.Equal(0, h.Sim.Snapshot().ActualPowerW);
        var done = TripStart - Core.Planning.PlanningProblem.UnpricedSafetyMargin;
        Assert.True(schedule.Slots.Single(s => s.End == done).SetPoint.IsCharging);
        Assert.All(schedule.Slots.Where(s => s.Start >= done), s => Assert.Equal(0, s.SetPoint.Watts));
        Assert.All(h.Sim.PowerSetPointWrites, w => Assert.True(w >= 0));
        Assert.Equal("no prices: trips and minimum SoC only", h.Fake.GetState(V2GEntities.Default.PlannedPower)!.Attribute("planned_on")!.Value.GetString());
    }

    [Fact]
    public async Task A_gap_in_the_prices_is_bridged_and_said_and_a_trip_past_the_prices_is_met_until_prices_come()
    {
        // Prices for the 12 hours from noon without 15:00; the trip the next morning lies past them.
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            Trip(fake);
            fake.SetState(V2GHarness.PriceSensor, "0.30", Hours(Enumerable.Range(0, 12).Where(i => i != 3)));
        });
        var schedule = h.Controller.Schedule!;
        Assert.True(schedule.TargetsMet);
        Assert.Equal(TripStart, schedule.End);
        var sensor = h.Fake.GetState(V2GEntities.Default.PlannedPower)!;
        var gap = Assert.Single(sensor.Attribute("price_gaps_bridged")!.Value.EnumerateArray());
        Assert.Equal("2026-01-15T15:00:00+00:00", gap.GetProperty("start").GetString());
        Assert.Equal("2026-01-15T16:00:00+00:00", gap.GetProperty("end").GetString());
        Assert.Equal("2026-01-16T00:00:00+00:00", sensor.AttributeString("unpriced_from"));

        // Re-plans on the same prices say nothing new: a warning per change.
        for (var i = 0; i < 4; i++) await h.StepAsync(TimeSpan.FromMinutes(5));
        Assert.Single(h.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Has("Gaps"));
        Assert.Single(h.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Has("UnpricedFrom"));

        h.Fake.SetState(V2GHarness.PriceSensor, "0.31", V2GHarness.Prices(Cheap));
        await Wait.Until(() => h.Ha.GetState(V2GHarness.PriceSensor)?.State == "0.31", "the app's view of the new prices");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(Core.Control.ReplanReason.NewPrices, h.Controller.PlannedFor);
        Assert.Null(h.Controller.Schedule!.UnpricedFrom);
        Assert.Empty(h.Controller.Schedule.PriceGapsBridged);
        sensor = h.Fake.GetState(V2GEntities.Default.PlannedPower)!;
        Assert.Empty(sensor.Attribute("price_gaps_bridged")!.Value.EnumerateArray());
        Assert.Null(sensor.AttributeString("unpriced_from"));
    }

    /// <summary>Hourly prices of 0.30 EUR/kWh for the given hours after <see cref="V2GHarness.Start"/>.</summary>
    private static System.Text.Json.Nodes.JsonObject Hours(IEnumerable<int> hours)
    {
        var all = V2GHarness.Prices(_ => false);
        var kept = new System.Text.Json.Nodes.JsonArray(hours.Select(i => all["prices"]![i]!.DeepClone()).ToArray());
        all["prices"] = kept;
        return all;
    }
}
