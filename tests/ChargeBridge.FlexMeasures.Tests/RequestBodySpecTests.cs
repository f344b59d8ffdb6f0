using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Tests.Support;

namespace ChargeBridge.FlexMeasures.Tests;

/// <summary>Every request body the client sends, validated against FlexMeasures' own OpenAPI spec.</summary>
public sealed class RequestBodySpecTests
{
    private static readonly OpenApiSchema Spec = OpenApiSchema.FlexMeasures;

    [Fact]
    public async Task Every_body_the_client_sends_matches_the_spec()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, recorder) = TestClients.For(fake, time);
        var trigger = TestClients.Trigger(TestClients.Start);

        await client.TriggerSensorScheduleAsync(3, trigger, CancellationToken.None);
        await client.TriggerAssetScheduleAsync(1, 3, trigger, CancellationToken.None);
        await client.PostSensorDataAsync(4, new SensorSeries(TestClients.Start, TimeSpan.FromMinutes(5), [0.0074, -0.0031, 0], "MW"), TimeSpan.Zero, CancellationToken.None);
        await client.PostSensorDataAsync(5, new SensorSeries(TestClients.Start, TimeSpan.FromMinutes(5), [55.5], "%"), null, CancellationToken.None);

        var bodies = recorder.Exchanges.Where(e => e.Body is not null).ToList();
        Assert.Equal(["/api/requestAuthToken", "/api/v3_0/sensors/3/schedules/trigger", "/api/v3_0/assets/1/schedules/trigger",
            "/api/v3_0/sensors/4/data", "/api/v3_0/sensors/5/data"], bodies.Select(b => b.Path));
        foreach (var exchange in bodies)
        {
            var template = Regex.Replace(exchange.Path, "/[0-9]+/", "/{id}/");
            Assert.Empty(Spec.Violations(exchange.Body, Spec.RequestBody("post", template)));
            Assert.True(exchange.Status is >= 200 and < 300, $"{exchange.Path} answered {exchange.Status}");
        }
        // The sensor endpoint leaves flex-model and flex-context open; the StorageScheduler validates them by these schemas.
        var sensorTrigger = bodies[1].Body!;
        Assert.Empty(Spec.Violations(sensorTrigger["flex-model"], Spec.Component("StorageFlexModelSchemaOpenAPI")));
        Assert.Empty(Spec.Violations(sensorTrigger["flex-context"], Spec.Component("FlexContextOpenAPISchema")));
    }

    [Fact]
    public void The_flex_model_carries_every_field_the_planner_relies_on()
    {
        var body = Reparse(TestClients.Trigger(TestClients.Start).ToSensorRequest());

        var model = body["flex-model"]!;
        Assert.Equal("31 kWh", model["soc-at-start"]!.GetValue<string>());
        Assert.Equal("kWh", model["soc-unit"]!.GetValue<string>());
        Assert.Equal("12.4 kWh", model["soc-min"]!.GetValue<string>());
        Assert.Equal("62 kWh", model["soc-max"]!.GetValue<string>());
        Assert.Equal("7.4 kW", model["power-capacity"]!.GetValue<string>());
        Assert.Equal("85%", model["roundtrip-efficiency"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"value":"49.6 kWh","datetime":"2026-11-21T08:00:00+00:00"}]"""), model["soc-minima"]));
        Assert.Equal("0 kW", model["consumption-capacity"]![1]!["value"]!.GetValue<string>());
        Assert.Equal("PT27H", body["duration"]!.GetValue<string>());
        Assert.Equal("PT5M", body["resolution"]!.GetValue<string>());
        Assert.True(body["flex-context"]!["relax-soc-constraints"]!.GetValue<bool>());
    }

    [Fact]
    public void The_checker_accepts_the_documented_simple_trigger_and_login()
    {
        Assert.Empty(Spec.Violations(Fixtures.Json("flexmeasures-server-examples/trigger_sensor_schedule_simple_request.json"),
            Spec.RequestBody("post", "/api/v3_0/sensors/{id}/schedules/trigger")));
        Assert.Empty(Spec.Violations(Fixtures.Json("flexmeasures-server-examples/requestAuthToken_request.json"),
            Spec.RequestBody("post", "/api/requestAuthToken")));
    }

    [Fact]
    public void The_checker_rejects_what_the_spec_forbids()
    {
        var flexModel = Spec.Component("StorageFlexModelSchemaOpenAPI");
        // Numbers with soc-unit are the legacy style; the 1.0 schema wants quantity strings.
        var legacy = Spec.Violations(Fixtures.Json("flexmeasures-server-examples/trigger_schedule_api_test_message_legacy_style.json")["flex-model"], flexModel);
        // Python's jsonschema gives the same verdicts on these fixtures (checked when this test was written).
        Assert.Equal(["$.soc-at-start: expected string, got 12.1", "$.soc-min: expected string, got 0", "$.soc-max: expected string, got 40"], legacy);
        var complex = Fixtures.Json("flexmeasures-server-examples/trigger_sensor_schedule_complex_request.json");
        Assert.Equal(["$.storage-efficiency: matches 0 of the oneOf alternatives instead of exactly one"], Spec.Violations(complex["flex-model"], flexModel));
        Assert.Empty(Spec.Violations(complex["flex-context"], Spec.Component("FlexContextOpenAPISchema")));
        Assert.Contains("$: property 'soc-minn' is not allowed", Spec.Violations(JsonNode.Parse("""{"soc-minn":"1 kWh"}"""), flexModel));
        Assert.Contains("$.soc-unit: \"Wh\" is not one of [\"kWh\",\"MWh\"]", Spec.Violations(JsonNode.Parse("""{"soc-unit":"Wh"}"""), flexModel));
        Assert.Contains("$.soc-minima: matches 0 of the oneOf alternatives instead of exactly one",
            Spec.Violations(JsonNode.Parse("""{"soc-minima":42}"""), flexModel));
        Assert.Contains("$: required property 'sensor' is missing",
            Spec.Violations(Fixtures.Json("flexmeasures-client-tests/post_sensor_data_request.json"), Spec.RequestBody("post", "/api/v3_0/sensors/{id}/data")));
        Assert.Contains("$.start: '2026-13-01T00:00:00+00:00' is not a valid date-time",
            Spec.Violations(JsonNode.Parse("""{"start":"2026-13-01T00:00:00+00:00"}"""), Spec.RequestBody("post", "/api/v3_0/sensors/{id}/schedules/trigger")));
        Assert.Contains("$: required property 'password' is missing",
            Spec.Violations(JsonNode.Parse("""{"email":"a@b.c"}"""), Spec.RequestBody("post", "/api/requestAuthToken")));
    }

    private static JsonNode Reparse(JsonNode node) => JsonNode.Parse(node.ToJsonString())!;
}
