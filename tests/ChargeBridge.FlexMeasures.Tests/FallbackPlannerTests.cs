using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Planning;
using ChargeBridge.FlexMeasures.Tests.Support;

namespace ChargeBridge.FlexMeasures.Tests;

public sealed class FallbackPlannerTests
{
    private static readonly FlexMeasuresPlannerOptions Options = PlanRequests.Options;
    private static readonly DateTimeOffset Start = PlanRequests.Start;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_local_optimiser_plans_while_FlexMeasures_is_down_and_the_alert_follows_the_hour()
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { Down = true });
        var (client, _) = TestClients.For(fake, time);
        var planner = new FallbackPlanner(new FlexMeasuresPlanner(client, Options), new LocalPlanner(), time);
        var alerts = new List<bool>();
        planner.AlertChanged += alerts.Add;

        var local = await planner.PlanAsync(PlanRequests.Evening(time.GetUtcNow()), None);
        Assert.Equal(PlanSource.Local, planner.LastSource);
        Assert.True(local.StandIn);
        Assert.Equal(new LocalPlanner().Plan(PlanRequests.Evening(time.GetUtcNow())).Slots, local.Slots);
        Assert.False(planner.NoScheduleAlert);

        time.Advance(TimeSpan.FromMinutes(59));
        await planner.PlanAsync(PlanRequests.Evening(time.GetUtcNow()), None);
        Assert.False(planner.NoScheduleAlert);
        Assert.Empty(alerts);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(planner.NoScheduleAlert);
        await planner.PlanAsync(PlanRequests.Evening(time.GetUtcNow()), None);
        Assert.Equal([true], alerts);

        fake.Behaviour.Down = false;
        Assert.False((await planner.PlanAsync(PlanRequests.Evening(time.GetUtcNow()), None)).StandIn);
        Assert.Equal(PlanSource.FlexMeasures, planner.LastSource);
        Assert.False(planner.NoScheduleAlert);
        Assert.Equal([true, false], alerts);
    }

    [Fact]
    public async Task An_unusable_schedule_keeps_the_rest_of_the_previous_one()
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, _) = TestClients.For(fake, time);
        var planner = new FallbackPlanner(new FlexMeasuresPlanner(client, Options), new LocalPlanner(), time);
        var first = await planner.PlanAsync(PlanRequests.Evening(Start), None);

        fake.Behaviour.ScheduleResolution = TimeSpan.FromMinutes(15);
        time.Advance(TimeSpan.FromMinutes(30));
        var kept = await planner.PlanAsync(PlanRequests.Evening(time.GetUtcNow()), None);

        Assert.Equal(PlanSource.PreviousFlexMeasures, planner.LastSource);
        Assert.True(kept.StandIn);
        Assert.Equal(first.Slots.Where(s => s.End > time.GetUtcNow()), kept.Slots);
        Assert.False(planner.NoScheduleAlert);
    }

    [Fact]
    public async Task An_unusable_schedule_with_nothing_to_keep_lets_the_local_optimiser_plan()
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { FallbackSchedules = true });
        var (client, _) = TestClients.For(fake, time);
        var planner = new FallbackPlanner(new FlexMeasuresPlanner(client, Options), new LocalPlanner(), time);

        var schedule = await planner.PlanAsync(PlanRequests.Evening(Start), None);

        Assert.Equal(PlanSource.Local, planner.LastSource);
        Assert.Equal(27 * 12, schedule.Slots.Count);
    }
}
