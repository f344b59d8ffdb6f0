using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>Every re-plan trigger of the product behaviour leads to a new schedule, and those caused in HA without waiting for a tick.</summary>
public class V2GReplanTests
{
    private const string CarSoc = "sensor.car_soc";
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.Date.AddDays(1).AddHours(8);

    private static Task<V2GHarness> StartAsync(string? carSoc = null) => V2GHarness.StartAsync(40, fake =>
    {
        fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(2), "Trip 80 %")]);
        fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(h => h < 6));
        if (carSoc is not null) fake.SetState(CarSoc, carSoc);
    }, new HarnessOptions(SocEntity: carSoc is null ? null : CarSoc));

    /// <summary>Causes <paramref name="trigger"/> and waits, without moving the clock, for the schedule it brings.</summary>
    private static async Task<IReadOnlyList<ReplanReason>> ReplannedAsync(V2GHarness h, Action trigger)
    {
        var before = h.Controller.Schedule;
        Assert.True(before is not null, h.Logs.AllText());
        trigger();
        await h.SettledAsync(() => h.Controller.Schedule is { } now && !ReferenceEquals(now, before), "a new schedule");
        return h.Controller.PlannedFor;
    }

    [Fact]
    public async Task Start_up_plans_at_the_first_step()
    {
        await using var h = await StartAsync(carSoc: "40");
        // The harness plugs the car in after the first step, so only the first plan is start-up's (PlannedFor holds the
        // last plan's reasons); that plan's decision field names it in DecisionText's words.
        var first = h.Logs.WithField("Planned")[0].GetStructuredStateValue("Planned");
        Assert.Contains(" because " + DecisionText.Reason(ReplanReason.StartUp) + ";", first);
    }

    [Fact]
    public async Task A_settings_helper_change_re_plans_at_once()
    {
        await using var h = await StartAsync();
        Assert.Contains(ReplanReason.SettingsChanged, await ReplannedAsync(h, () => h.Fake.SetState(V2GEntities.Default.MinSoc.EntityId, "30")));
    }

    [Fact]
    public async Task A_markup_change_re_plans_at_once_as_new_prices()
    {
        await using var h = await StartAsync();
        Assert.Contains(ReplanReason.NewPrices, await ReplannedAsync(h, () => h.Fake.SetState(V2GEntities.PriceMarkup.EntityId, "0.12")));
    }

    [Fact]
    public async Task A_mode_change_re_plans_at_once()
    {
        await using var h = await StartAsync();
        Assert.Contains(ReplanReason.ModeChanged, await ReplannedAsync(h, () => h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Pause")));
    }

    [Fact]
    public async Task A_calendar_state_change_reads_the_calendar_again_at_once_and_re_plans()
    {
        await using var h = await StartAsync();
        var earlier = TripStart.AddHours(-2);
        var reasons = await ReplannedAsync(h, () =>
        {
            h.Fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(earlier, earlier.AddHours(1), "Dentist 60 %")]);
            h.Fake.SetState(V2GHarness.Calendar, "on");
        });
        Assert.Contains(ReplanReason.CalendarChanged, reasons);
        Assert.Equal(earlier, h.Controller.CalendarPlan!.Targets.Single().At);
    }

    [Fact]
    public async Task New_prices_in_the_price_entity_re_plan_at_once()
    {
        await using var h = await StartAsync();
        Assert.Contains(ReplanReason.NewPrices, await ReplannedAsync(h, () => h.Fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(x => x is >= 2 and < 8))));
    }

    [Fact]
    public async Task A_SoC_change_of_two_points_in_the_car_entity_re_plans_at_once()
    {
        await using var h = await StartAsync(carSoc: "40");
        Assert.Contains(ReplanReason.SocChanged, await ReplannedAsync(h, () => h.Fake.SetState(CarSoc, "42")));
    }

    [Fact]
    public async Task Connecting_the_car_re_plans()
    {
        await using var h = await StartAsync(carSoc: "40");
        h.Sim.Unplug();
        await h.StepAsync(TimeSpan.FromMinutes(1));
        var before = h.Controller.Schedule;
        h.Sim.PlugIn();
        for (var i = 0; i < 5 && ReferenceEquals(h.Controller.Schedule, before); i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.NotSame(before, h.Controller.Schedule);
        Assert.Contains(ReplanReason.CarConnected, h.Controller.PlannedFor);
    }

    [Fact]
    public async Task The_watchdog_re_plans_after_15_minutes_without_another_trigger()
    {
        await using var h = await StartAsync(carSoc: "40");
        var before = h.Controller.Schedule;
        for (var i = 0; i < 14; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Same(before, h.Controller.Schedule);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.NotSame(before, h.Controller.Schedule);
        Assert.Equal([ReplanReason.Watchdog], h.Controller.PlannedFor);
    }
}
