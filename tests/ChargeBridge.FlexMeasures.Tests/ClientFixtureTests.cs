using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Tests.Support;

namespace ChargeBridge.FlexMeasures.Tests;

/// <summary>Every response and error fixture of FlexMeasures, served verbatim, read the way FlexMeasures means it.</summary>
public sealed class ClientFixtureTests
{
    private const string Server = "flexmeasures-server-examples/";
    private const string ClientTests = "flexmeasures-client-tests/";
    private static readonly (int, string) Login = (200, Fixtures.Text(Server + "requestAuthToken_response_200.json"));
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Login_sends_email_and_password_and_then_the_bare_token_as_authorization()
    {
        var (client, recorder) = TestClients.Scripted(Login, (200, Fixtures.Text(ClientTests + "get_sensor_response_minimal.json")));

        var sensor = await client.GetSensorAsync(3, None);

        Assert.Equal(new FlexMeasuresSensor(3, "test-sensor", 5), sensor);
        var login = recorder.Exchanges[0];
        Assert.Equal("/api/requestAuthToken", login.Path);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Fixtures.Json(Server + "requestAuthToken_request.json"), login.Body));
        Assert.Null(login.Authorization);
        Assert.Equal("<opaque token string>", recorder.Exchanges[1].Authorization);
    }

    [Theory]
    [InlineData("requestAuthToken_error_400.json", 400, "Please provide the 'password' parameter.")]
    [InlineData("requestAuthToken_error_401.json", 401, "User password does not match.")]
    [InlineData("requestAuthToken_error_404.json", 404, "User with email 'user@example.com' does not exist")]
    public async Task Login_errors_carry_the_server_message(string fixture, int status, string message)
    {
        var (client, _) = TestClients.Scripted((status, Fixtures.Text(Server + fixture)));

        var error = await Assert.ThrowsAsync<FlexMeasuresAuthenticationException>(() => client.GetSensorAsync(3, None));

        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(message, error.ServerMessage);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("secret", error.ToString());
    }

    [Theory]
    [InlineData(ClientTests + "trigger_schedule_response_200_legacy.json", 200, "test_schedule_id")]
    [InlineData(Server + "trigger_schedule_response_200_until_v0_33.json", 200, "364bfd06-c1fa-430b-8d25-8f5a547651fb")]
    [InlineData(Server + "trigger_schedule_response_202_from_v0_34.json", 202, "364bfd06-c1fa-430b-8d25-8f5a547651fb")]
    public async Task Both_trigger_answers_give_the_job_id(string fixture, int status, string job)
    {
        var (client, recorder) = TestClients.Scripted(Login, (status, Fixtures.Text(fixture)));

        Assert.Equal(job, await client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None));
        Assert.Equal("/api/v3_0/sensors/3/schedules/trigger", recorder.Exchanges[1].Path);
    }

    [Fact]
    public async Task A_rejected_trigger_names_the_offending_field()
    {
        var (client, _) = TestClients.Scripted(Login, (422, Fixtures.Text(Server + "trigger_schedule_error_422.json")));

        var error = await Assert.ThrowsAsync<FlexMeasuresException>(() => client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None));

        Assert.Equal(422, error.HttpStatus);
        Assert.Equal("UNPROCESSABLE_ENTITY", error.Status);
        Assert.Equal("soc-minn: Unknown field.", error.ServerMessage);
    }

    [Theory]
    [InlineData(ClientTests + "get_schedule_200.json", null)]
    [InlineData(Server + "get_schedule_200.json", "StorageScheduler")]
    public async Task A_ready_schedule_is_read_with_start_resolution_and_unit(string fixture, string? scheduler)
    {
        var (client, _) = TestClients.Scripted(Login, (200, Fixtures.Text(fixture)));

        var schedule = await client.GetScheduleAsync(3, "job", TimeSpan.FromHours(6), None);

        Assert.Equal([2.15, 3, 2], schedule.Values);
        Assert.Equal(new DateTimeOffset(2015, 6, 2, 10, 0, 0, TimeSpan.Zero), schedule.Start);
        Assert.Equal(TimeSpan.FromMinutes(15), schedule.Resolution);
        Assert.Equal("MW", schedule.Unit);
        Assert.Equal(scheduler, schedule.Scheduler);
    }

    [Theory]
    [InlineData(ClientTests + "get_schedule_not_ready_400.json", 400)]
    [InlineData(ClientTests + "get_schedule_not_ready_202_queued.json", 202)]
    [InlineData(ClientTests + "get_schedule_not_ready_202_started.json", 202)]
    [InlineData(Server + "get_schedule_not_ready_400_queued.json", 400)]
    [InlineData(Server + "get_schedule_not_ready_400_started.json", 400)]
    [InlineData(Server + "get_schedule_not_ready_202_when_sunset_active.json", 202)]
    public async Task Not_ready_answers_are_polled_again_until_the_schedule_comes(string fixture, int status)
    {
        var notReady = (status, Fixtures.Text(fixture));
        var (client, recorder) = TestClients.Scripted(Login, notReady, notReady, (200, Fixtures.Text(Server + "get_schedule_200.json")));

        var schedule = await client.GetScheduleAsync(3, "job", TimeSpan.FromHours(6), None);

        Assert.Equal(3, schedule.Values.Count);
        Assert.Equal(3, recorder.Exchanges.Count(e => e.Path == "/api/v3_0/sensors/3/schedules/job"));
    }

    [Fact]
    public async Task A_failed_job_stops_polling_at_once()
    {
        var (client, recorder) = TestClients.Scripted(Login, (400, Fixtures.Text(Server + "get_schedule_failed_400.json")),
            (200, Fixtures.Text(Server + "get_schedule_200.json")));

        var error = await Assert.ThrowsAsync<FlexMeasuresScheduleFailedException>(() => client.GetScheduleAsync(3, "job", TimeSpan.FromHours(6), None));

        Assert.Contains("InfeasibleProblemException", error.ServerMessage);
        Assert.Equal("UNKNOWN_SCHEDULE", error.Status);
        Assert.Equal(2, recorder.Exchanges.Count);
    }

    [Fact]
    public async Task An_unknown_job_stops_polling_at_once()
    {
        var (client, recorder) = TestClients.Scripted(Login, (400, Fixtures.Text(Server + "get_schedule_unknown_job_400.json")),
            (200, Fixtures.Text(Server + "get_schedule_200.json")));

        var error = await Assert.ThrowsAsync<FlexMeasuresUnknownJobException>(() => client.GetScheduleAsync(3, "9999", TimeSpan.FromHours(6), None));

        Assert.Equal("UNRECOGNIZED_UDI_EVENT", error.Status);
        Assert.Equal(2, recorder.Exchanges.Count);
    }

    [Fact]
    public async Task Sensor_data_keeps_null_values_as_gaps()
    {
        var (client, recorder) = TestClients.Scripted(Login, (200, Fixtures.Text(Server + "get_sensor_data_response_200.json")));
        var start = new DateTimeOffset(2024, 11, 21, 0, 0, 0, TimeSpan.FromHours(1));

        var prices = await client.GetSensorDataAsync(9, start, TimeSpan.FromHours(4), "EUR/kWh", TimeSpan.FromHours(1), None);

        Assert.Equal([0.21, 0.19, null, 0.31], prices.Values);
        Assert.Equal(start, prices.Start);
        Assert.Equal(TimeSpan.FromHours(1), prices.Resolution);
        Assert.Equal("EUR/kWh", prices.Unit);
        Assert.Contains("start=2024-11-21T00%3A00%3A00%2B01%3A00", recorder.Exchanges[1].Query);
    }

    [Theory]
    [InlineData(200, Server + "trigger_schedule_response_200_until_v0_33.json")]
    [InlineData(202, ClientTests + "post_sensor_data_upload_response_202.json")]
    public async Task Any_2xx_answer_accepts_posted_data(int status, string fixture)
    {
        var (client, _) = TestClients.Scripted(Login, (status, Fixtures.Text(fixture)));

        await client.PostSensorDataAsync(4, new SensorSeries(TestClients.Start, TimeSpan.FromMinutes(5), [0.001, 0.002], "MW"), null, None);
    }

    [Fact]
    public async Task A_server_error_on_a_post_is_an_error_with_the_status()
    {
        var (client, _) = TestClients.Scripted(Login, (500, "<html>Internal Server Error</html>"));

        var error = await Assert.ThrowsAsync<FlexMeasuresException>(() =>
            client.PostSensorDataAsync(4, new SensorSeries(TestClients.Start, TimeSpan.FromMinutes(5), [0.001], "MW"), null, None));

        Assert.Equal(500, error.HttpStatus);
    }

    [Fact]
    public async Task A_second_401_after_logging_in_again_is_an_authentication_error()
    {
        const string refused = """{"result":"Rejected","status":"UNAUTHORIZED","message":"You could not be properly authenticated."}""";
        var (client, recorder) = TestClients.Scripted(Login, (401, refused), Login, (401, refused), (200, "{}"));

        var error = await Assert.ThrowsAsync<FlexMeasuresAuthenticationException>(() => client.GetSensorAsync(3, None));

        Assert.Equal(4, recorder.Exchanges.Count);
        Assert.Equal("You could not be properly authenticated.", error.ServerMessage);
    }

    [Theory]
    [InlineData("""{"values":[1,"x"],"start":"2015-06-02T10:00:00+00:00","duration":"PT10M","unit":"MW"}""", "'values' holds \"x\"")]
    [InlineData("""{"values":[1,2],"duration":"PT10M","unit":"MW"}""", "'start' is missing")]
    [InlineData("""{"values":[1,2],"start":"2015-06-02T10:00:00+00:00","duration":"10 minutes","unit":"MW"}""", "not an ISO 8601 duration")]
    [InlineData("""[1,2]""", "'start' is missing")]
    public async Task A_malformed_schedule_is_an_error_that_says_what_is_wrong(string body, string why)
    {
        var (client, _) = TestClients.Scripted(Login, (200, body));

        var error = await Assert.ThrowsAsync<FlexMeasuresException>(() => client.GetScheduleAsync(3, "job", TimeSpan.FromHours(6), None));

        Assert.Contains(why, error.Message);
    }

    [Fact]
    public async Task Sensor_data_whose_values_do_not_fill_the_duration_is_an_error()
    {
        var (client, _) = TestClients.Scripted(Login, (200, """{"values":[1,null],"start":"2024-11-21T00:00:00+01:00","duration":"PT4H","unit":"EUR/kWh","resolution":"PT1H"}"""));

        var error = await Assert.ThrowsAsync<FlexMeasuresException>(() =>
            client.GetSensorDataAsync(9, TestClients.Start, TimeSpan.FromHours(4), "EUR/kWh", TimeSpan.FromHours(1), None));

        Assert.Contains("do not fill", error.Message);
    }
}
