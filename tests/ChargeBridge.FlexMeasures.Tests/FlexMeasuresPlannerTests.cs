using System.Text.Json.Nodes;
using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Planning;
using ChargeBridge.FlexMeasures.Tests.Support;

namespace ChargeBridge.FlexMeasures.Tests;

public sealed class FlexMeasuresPlannerTests
{
    private static readonly FlexMeasuresPlannerOptions Options = PlanRequests.Options;
    private static readonly DateTimeOffset Start = PlanRequests.Start;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_trigger_carries_the_flex_model_and_context_of_the_request()
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, _) = TestClients.For(fake, time);

        await new FlexMeasuresPlanner(client, Options).PlanAsync(PlanRequests.Evening(Start), None);

        var body = JsonNode.Parse(Assert.Single(fake.Triggers).ToJsonString())!;
        var model = body["flex-model"]!;
        Assert.Equal("PT27H", body["duration"]!.GetValue<string>());
        Assert.Equal("PT5M", body["resolution"]!.GetValue<string>());
        Assert.Equal("24.8 kWh", model["soc-at-start"]!.GetValue<string>());   // 40 % of 62 kWh
        Assert.Equal("12.4 kWh", model["soc-min"]!.GetValue<string>());        // min SoC 20 %
        Assert.Equal("62 kWh", model["soc-max"]!.GetValue<string>());
        Assert.Equal("7.4 kW", model["power-capacity"]!.GetValue<string>());
        Assert.Equal("85%", model["roundtrip-efficiency"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"value":"55.8 kWh","datetime":"2026-11-22T04:00:00+00:00"}]"""), model["soc-minima"]));
        // The ceiling is lifted to the 90 % target until it is due, max SoC (80 %) after, none while the car is away.
        var maxima = model["soc-maxima"]!.AsArray();
        Assert.Equal(("55.8 kWh", "2026-11-21T20:00:00+00:00"), (maxima[0]!["value"]!.GetValue<string>(), maxima[0]!["start"]!.GetValue<string>()));
        Assert.Contains(maxima, m => m!["value"]!.GetValue<string>() == "49.6 kWh");
        Assert.DoesNotContain(maxima, m => m!["start"]!.GetValue<string>() == "2026-11-22T10:00:00+00:00");
        foreach (var field in new[] { "consumption-capacity", "production-capacity" })
        {
            var away = model[field]!.AsArray().Single(c => c!["start"]!.GetValue<string>() == "2026-11-22T04:00:00+00:00");
            Assert.Equal(("0 kW", "2026-11-22T14:00:00+00:00"), (away!["value"]!.GetValue<string>(), away["end"]!.GetValue<string>()));
        }
        var context = body["flex-context"]!;
        Assert.Equal(11, context["consumption-price"]!["sensor"]!.GetValue<int>());
        Assert.Equal(12, context["production-price"]!["sensor"]!.GetValue<int>());
        Assert.True(context["relax-soc-constraints"]!.GetValue<bool>());
        Assert.True(context["relax-capacity-constraints"]!.GetValue<bool>());
        var spec = OpenApiSchema.FlexMeasures;
        Assert.Empty(spec.Violations(model, spec.Component("StorageFlexModelSchemaOpenAPI")));
        Assert.Empty(spec.Violations(body, spec.RequestBody("post", "/api/v3_0/sensors/{id}/schedules/trigger")));
    }

    [Fact]
    public async Task The_MW_schedule_becomes_watt_set_points_per_5_minute_slot()
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, _) = TestClients.For(fake, time);

        var schedule = await new FlexMeasuresPlanner(client, Options with { AssetId = 1 }).PlanAsync(PlanRequests.Evening(Start), None);

        Assert.Equal(27 * 12, schedule.Slots.Count);
        Assert.All(schedule.Slots, s => Assert.Equal(TimeSpan.FromMinutes(5), s.Length));
        Assert.Equal(Start, schedule.Slots[0].Start);
        Assert.Equal(7400, schedule.Slots[0].SetPoint.Watts, 6);
        Assert.All(schedule.Slots.Where(s => s.Start >= Start.AddHours(8) && s.Start < Start.AddHours(18)), s => Assert.Equal(0, s.SetPoint.Watts));
        Assert.True(schedule.Slots[^1].SocAtEnd > schedule.Slots[0].SocAtStart);
        Assert.True(schedule.TargetsMet);
        Assert.True(schedule.ExpectedCostEur > 0);
    }

    [Theory]
    [InlineData(false, 15)]
    [InlineData(true, 5)]
    public async Task Wrong_resolution_and_flat_fallback_schedules_are_rejected(bool fallbackScheduler, int resolutionMinutes)
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour
            { FallbackSchedules = fallbackScheduler, ScheduleResolution = TimeSpan.FromMinutes(resolutionMinutes) });
        var (client, _) = TestClients.For(fake, time);

        var error = await Assert.ThrowsAsync<FlexMeasuresInvalidScheduleException>(() =>
            new FlexMeasuresPlanner(client, Options).PlanAsync(PlanRequests.Evening(Start), None));

        Assert.Contains(fallbackScheduler ? "fallback scheduler" : "resolution", error.Message);
    }

    [Fact]
    public async Task The_emissions_objective_needs_an_emissions_sensor()
    {
        var time = new AutoAdvancingTime(Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, _) = TestClients.For(fake, time);
        var request = PlanRequests.Evening(Start) with
        {
            Objective = PlanObjective.Emissions,
            CarbonIntensities = new Core.Prices.TimeSeries<Core.Units.CarbonIntensity>(
                Enumerable.Range(0, 30).Select(h => new Core.Prices.TimePoint<Core.Units.CarbonIntensity>(Start.AddHours(h), new(300))), TimeSpan.FromHours(1)),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => new FlexMeasuresPlanner(client, Options).PlanAsync(request, None));
        await new FlexMeasuresPlanner(client, Options with { EmissionsSensor = 21 }).PlanAsync(request, None);

        Assert.Equal(21, fake.Triggers[^1]["flex-context"]!["consumption-price"]!["sensor"]!.GetValue<int>());
        Assert.Equal(21, fake.Triggers[^1]["flex-context"]!["production-price"]!["sensor"]!.GetValue<int>());
    }
}
