using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Core.Notifications;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Planning;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The V2G loop with a FlexMeasures section, against the FlexMeasures fake on loopback.</summary>
public class V2GFlexMeasuresTests
{
    private const string Password = "fm-secret-7d1c";
    private const int PowerSensor = 11, PriceSensor = 12, SocSensor = 13, AvailabilitySensor = 14;
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.AddHours(4);

    /// <summary>A trip at 16:00 UTC needing 55 %, the car at 40 %, cheap hours 13 and 14 UTC: the local optimiser waits
    /// for them, while the fake FlexMeasures scheduler charges at once.</summary>
    private static async Task<(FakeFlexMeasuresServer Server, V2GHarness Harness)> StartAsync(Action<FakeFlexMeasuresBehaviour> behave,
        double timeoutSeconds = 30)
    {
        var behaviour = new FakeFlexMeasuresBehaviour { Password = Password, QueueDelay = TimeSpan.Zero, RunDelay = TimeSpan.Zero };
        behave(behaviour);
        var server = await FakeFlexMeasuresServer.StartAsync(TimeProvider.System, behaviour);
        var account = new FlexMeasuresConfig
        {
            Url = server.BaseAddress.ToString(), Email = behaviour.Email, Password = Password, PowerSensor = PowerSensor,
            ConsumptionPriceSensor = PriceSensor, ProductionPriceSensor = PriceSensor, SocSensor = SocSensor, AvailabilitySensor = AvailabilitySensor,
            TimeoutSeconds = timeoutSeconds,
        };
        var harness = await V2GHarness.StartAsync(40, fake =>
        {
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(1), "Visit 55 %")]);
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(h => h is 13 or 14));
        }, new HarnessOptions(FlexMeasures: account));
        return (server, harness);
    }

    /// <summary>The planner's warning that FlexMeasures gave no schedule, with the reason.</summary>
    private static bool FallbackTold(FakeLogRecord r) => r.Level == LogLevel.Warning && r.Has("Reason");

    private static async Task RunToTheTripAsync(V2GHarness h)
    {
        while (h.Now < TripStart) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.True(h.Sim.Snapshot().SocPct >= 54, $"SoC at the trip {h.Sim.Snapshot().SocPct} %\n{h.Logs.AllText()}");
    }

    [Fact]
    public async Task When_FlexMeasures_answers_its_schedule_is_executed_and_the_measurements_reach_it_hourly()
    {
        var (server, h) = await StartAsync(_ => { });
        await using var _ = server;
        await using var __ = h;

        Assert.Equal(PlanSource.FlexMeasures, h.FlexMeasures!.Planner.LastSource);
        Assert.NotEmpty(server.Triggers);
        // The fake scheduler charges at once; the local optimiser would have waited for 13:00.
        for (var i = 0; i < 5 && h.Sim.Snapshot().ActualPowerW < 7000; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.True(h.Now < V2GHarness.Start.AddHours(1) && h.Sim.Snapshot().ActualPowerW > 7000, $"charging at {h.Sim.Snapshot().ActualPowerW} W at {h.Now:t}");
        Assert.Equal(7400, h.Controller.Schedule!.Slots[0].SetPoint.Watts, 0);

        while (h.Now < V2GHarness.Start.AddMinutes(61)) await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => server.Received(AvailabilitySensor).Count > 0, "the first hourly upload");
        var power = server.Received(PowerSensor);
        Assert.InRange(power.Count, 10, 12);
        Assert.Contains(power, v => Math.Abs(v.Value - 0.0074) < 0.0002);
        Assert.All(server.Received(SocSensor), v => Assert.InRange(v.Value, 40, 60));
        Assert.DoesNotContain(Password, h.Logs.AllText());
    }

    [Fact]
    public async Task When_FlexMeasures_answers_500_the_local_schedule_is_executed_and_the_target_is_met()
    {
        var (server, h) = await StartAsync(b => b.Down = true);
        await using var _ = server;
        await using var __ = h;

        Assert.Equal(PlanSource.Local, h.FlexMeasures!.Planner.LastSource);
        await h.StepAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(0, h.Sim.Snapshot().ActualPowerW, 0);
        await RunToTheTripAsync(h);
        Assert.Equal(PlanSource.Local, h.FlexMeasures.Planner.LastSource);
        Assert.True(h.Controller.Schedule!.StandIn);
        Assert.Contains(h.Logs.GetSnapshot(), FallbackTold);
        Assert.DoesNotContain(Password, h.Logs.AllText());
    }

    [Fact]
    public async Task An_hour_without_a_FlexMeasures_schedule_is_told_once_though_the_local_optimiser_stands_in_and_its_return_is_told()
    {
        var (server, h) = await StartAsync(b => b.Down = true);
        await using var _ = server;
        await using var __ = h;

        while (h.Now < V2GHarness.Start.AddMinutes(58)) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(PlanSource.Local, h.FlexMeasures!.Planner.LastSource);
        Assert.Empty(RecordedNotifications.Pushes(h.Fake, NotificationTags.Schedule));
        while (h.Now < V2GHarness.Start.AddMinutes(75)) await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => RecordedNotifications.Pushes(h.Fake, NotificationTags.Schedule).Count == 1, "the missing schedule told");
        Assert.StartsWith("No new schedule since 12:", RecordedNotifications.Pushes(h.Fake, NotificationTags.Schedule)[0]["message"]!.GetValue<string>());

        server.Behaviour.Down = false;
        while (h.FlexMeasures.Planner.LastSource != PlanSource.FlexMeasures) await h.StepAsync(TimeSpan.FromMinutes(1));
        await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => RecordedNotifications.Pushes(h.Fake, NotificationTags.Schedule).Count == 2, "the schedule back");
        Assert.Equal("Charging schedule back", RecordedNotifications.Pushes(h.Fake, NotificationTags.Schedule)[1]["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_FlexMeasures_hangs_the_request_times_out_and_the_local_schedule_meets_the_target()
    {
        var (server, h) = await StartAsync(b => b.Hang = TimeSpan.FromSeconds(20), timeoutSeconds: 0.2);
        await using var _ = server;
        await using var __ = h;

        Assert.Equal(PlanSource.Local, h.FlexMeasures!.Planner.LastSource);
        Assert.Contains(h.Logs.GetSnapshot(), FallbackTold);
        await RunToTheTripAsync(h);
    }

    [Fact]
    public async Task A_refused_password_falls_back_to_the_local_optimiser_and_never_appears_in_the_logs()
    {
        var (server, h) = await StartAsync(b => b.Password = "another-password");
        await using var _ = server;
        await using var __ = h;

        Assert.Equal(PlanSource.Local, h.FlexMeasures!.Planner.LastSource);
        Assert.Contains(h.Logs.GetSnapshot(), FallbackTold);
        Assert.DoesNotContain(Password, h.Logs.AllText());
    }
}
