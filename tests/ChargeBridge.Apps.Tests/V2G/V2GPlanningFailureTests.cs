using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Planning;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>A planner or price source that fails in a way nobody foresaw must not cost the step its charger command.</summary>
public class V2GPlanningFailureTests
{
    private sealed class BrokenPlanner : IPlanner
    {
        public Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct) => throw new KeyNotFoundException("slot 288 missing");
    }

    private sealed class BrokenPriceSource : IPriceSource
    {
        public string? Entity => null;
        public Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct) => throw new ArgumentException("an interval of length zero");
    }

    [Fact]
    public async Task When_the_price_source_throws_the_step_still_commands_the_charger_and_a_car_below_its_minimum_is_charged()
    {
        await using var h = await V2GHarness.StartAsync(15, options: new HarnessOptions(PriceSource: new BrokenPriceSource()));
        for (var i = 0; i < 2; i++) await h.StepAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(7400, h.Sim.PowerSetPointWrites.LastOrDefault());
        Assert.Contains(h.Logs.GetSnapshot(), r => r is { Level: LogLevel.Error, Exception: ArgumentException { Message: "an interval of length zero" } });
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Id == V2GController.StepFailed);
    }

    [Fact]
    public async Task When_planning_throws_the_step_still_commands_the_charger_and_a_car_below_its_minimum_is_charged()
    {
        await using var h = await V2GHarness.StartAsync(15, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour < 6)),
            new HarnessOptions(Planner: new BrokenPlanner()));
        for (var i = 0; i < 2; i++) await h.StepAsync(TimeSpan.FromMinutes(1));

        Assert.Null(h.Controller.Schedule);
        Assert.Equal(7400, h.Sim.PowerSetPointWrites.LastOrDefault());
        Assert.Contains(h.Logs.GetSnapshot(), r => r is { Level: LogLevel.Error, Exception: KeyNotFoundException { Message: "slot 288 missing" } });
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Id == V2GController.StepFailed);
    }
}
