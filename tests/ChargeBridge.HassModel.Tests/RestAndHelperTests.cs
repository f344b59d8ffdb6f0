using System.Text.Json.Nodes;
using ChargeBridge.Core.Simulation;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

public class RestAndHelperTests
{
    [Fact]
    public async Task Publishing_a_sensor_over_REST_stores_state_and_attributes_and_notifies_subscribers()
    {
        await using var ha = await ConnectedClient.StartAsync();
        var change = ha.Client.StateChanges.FirstAsync(c => c.New?.EntityId == "sensor.chargebridge_power");
        var rest = new HaRestClient(new HttpClient(), ha.Fake.ClientOptions());

        var stored = await rest.SetStateAsync("sensor.chargebridge_power", "7.4",
            new { unit_of_measurement = "kW", device_class = "power", state_class = "measurement", friendly_name = "Charger power" });

        Assert.Equal("7.4", stored.State);
        Assert.Equal("kW", (await change).New!.AttributeString("unit_of_measurement"));
        Assert.Equal("measurement", ha.Fake.GetState("sensor.chargebridge_power")!.AttributeString("state_class"));
    }

    [Fact]
    public async Task The_fixture_request_body_is_accepted_and_answered_like_HA()
    {
        var fake = await HomeAssistantFake.StartAsync();
        await using var _ = fake;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", fake.Token);
        var body = File.ReadAllText(RepoPaths.SharedFile("fixtures", "home-assistant", "ha-docs-examples", "rest_post_states_request.json"));
        var response = await http.PostAsync(new Uri(fake.HttpUri, "/api/states/sun.sun"), new StringContent(body));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var stored = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var expected = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures", "home-assistant", "ha-docs-examples", "rest_post_states_response.json")))!;
        Assert.Equal(expected["state"]!.GetValue<string>(), stored["state"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(expected["attributes"], stored["attributes"]));
        Assert.Equal(expected.AsObject().Select(p => p.Key).Order(), stored.AsObject().Select(p => p.Key).Where(k => k != "context").Order());
    }

    [Fact]
    public async Task Firing_an_event_over_REST_reaches_the_bus()
    {
        await using var ha = await ConnectedClient.StartAsync();
        var rest = new HaRestClient(new HttpClient(), ha.Fake.ClientOptions());
        await rest.FireEventAsync("chargebridge_plan_ready", new { slots = 324 });
        var fired = Assert.Single(ha.Fake.FiredEvents);
        Assert.Equal(324, fired.Data["slots"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_wrong_token_on_REST_is_an_error_that_does_not_show_the_token()
    {
        await using var ha = await ConnectedClient.StartAsync();
        var rest = new HaRestClient(new HttpClient(), ha.Fake.ClientOptions() with { Token = "secret-wrong-token" });
        var error = await Assert.ThrowsAsync<HaRestException>(() => rest.SetStateAsync("sensor.x", "1"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("token was refused", error.Message);
        Assert.DoesNotContain("secret-wrong-token", error.ToString());
    }

    [Fact]
    public async Task Missing_helpers_are_created_and_existing_ones_left_alone()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.SetState("input_boolean.ev_boost", "on");
        await using var ha = await ConnectedClient.StartAsync(fake);
        var provisioner = new HelperProvisioner(ha.Client, new FakeLogger<HelperProvisioner>(ha.Logs));
        HelperDefinition[] helpers =
        [
            HelperDefinition.InputBoolean("EV boost"),
            HelperDefinition.InputNumber("EV min SoC", 10, 55, 1, "%", initial: 20),
            HelperDefinition.InputSelect("EV charge mode", ["Automatic", "Max boost now", "Max discharge now", "Pause"]),
            HelperDefinition.InputText("EV car name", max: 40),
            HelperDefinition.InputDatetime("EV departure", hasDate: true, hasTime: true),
        ];

        var pass = await provisioner.EnsureAsync(helpers);

        Assert.Equal(["input_number.ev_min_soc", "input_select.ev_charge_mode", "input_text.ev_car_name", "input_datetime.ev_departure"], pass.Created);
        Assert.Empty(pass.Missing);
        Assert.Equal("on", fake.GetState("input_boolean.ev_boost")!.State);
        Assert.Equal("20.0", fake.GetState("input_number.ev_min_soc")!.State);
        Assert.Equal("Automatic", fake.GetState("input_select.ev_charge_mode")!.State);
        await HomeAssistantClientTests.WaitUntil(() => ha.Client.GetState("input_datetime.ev_departure") is not null);
        Assert.Empty((await provisioner.EnsureAsync(helpers)).Created);
    }

    [Fact]
    public async Task Creating_a_helper_without_admin_rights_says_so()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.TokenIsAdmin = false;
        await using var ha = await ConnectedClient.StartAsync(fake);
        var provisioner = new HelperProvisioner(ha.Client, new FakeLogger<HelperProvisioner>(ha.Logs));
        var pass = await provisioner.EnsureAsync([HelperDefinition.InputBoolean("EV boost")]);
        var missing = Assert.Single(pass.Missing);
        Assert.Equal("input_boolean.ev_boost", missing.EntityId);
        Assert.Contains("administrator", missing.Reason);
    }

    [Fact]
    public async Task One_refused_helper_does_not_keep_the_others_from_being_created()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.InjectFault("input_number/create", FakeFault.Refuse, times: 1);
        await using var ha = await ConnectedClient.StartAsync(fake);
        var provisioner = new HelperProvisioner(ha.Client, new FakeLogger<HelperProvisioner>(ha.Logs));
        var pass = await provisioner.EnsureAsync([HelperDefinition.InputNumber("EV min SoC", 10, 55, 1), HelperDefinition.InputBoolean("EV boost")]);
        Assert.Equal("input_number.ev_min_soc", Assert.Single(pass.Missing).EntityId);
        Assert.Equal(["input_boolean.ev_boost"], pass.Created);
    }

    [Fact]
    public async Task A_helper_HA_refused_is_retried_after_a_pause_until_it_exists()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.InjectFault("input_number/create", FakeFault.Refuse, times: 2);
        await using var ha = await ConnectedClient.StartAsync(fake);
        var clock = new VirtualClock();
        using var upkeep = new HelperUpkeep(new HelperProvisioner(ha.Client, new FakeLogger<HelperProvisioner>(ha.Logs)), clock, new FakeLogger<HelperUpkeep>(ha.Logs));

        await upkeep.StartAsync([HelperDefinition.InputNumber("EV min SoC", 10, 55, 1)], CancellationToken.None);
        Assert.Equal("input_number.ev_min_soc", Assert.Single(upkeep.Missing).EntityId);
        Assert.Contains(ha.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.GetStructuredStateValue("EntityId") == "input_number.ev_min_soc");

        // The first retry comes after FirstRetry and is refused again (the next one is then set twice as far out); the second succeeds.
        await HomeAssistantClientTests.WaitUntil(() => clock.PendingDue.Contains(clock.GetUtcNow() + HelperUpkeep.FirstRetry));
        clock.Advance(HelperUpkeep.FirstRetry);
        await HomeAssistantClientTests.WaitUntil(() => clock.PendingDue.Contains(clock.GetUtcNow() + 2 * HelperUpkeep.FirstRetry));
        Assert.Single(upkeep.Missing);
        clock.Advance(2 * HelperUpkeep.FirstRetry);
        await HomeAssistantClientTests.WaitUntil(() => upkeep.Missing.Count == 0);
        Assert.NotNull(fake.GetState("input_number.ev_min_soc"));
    }

    [Theory]
    [InlineData("EV target SoC", "ev_target_soc")]
    [InlineData("  Laden / Entladen ", "laden_entladen")]
    [InlineData("Café 2", "cafe_2")]
    public void Helper_ids_are_slugified_like_HA(string name, string slug) => Assert.Equal(slug, HelperDefinition.Slugify(name));

    [Fact]
    public void An_input_number_with_max_not_above_min_is_refused_before_reaching_HA() =>
        Assert.Throws<ArgumentException>(() => HelperDefinition.InputNumber("x", 100, 20, 1));
}
