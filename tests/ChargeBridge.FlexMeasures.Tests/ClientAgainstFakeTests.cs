using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Tests.Support;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.FlexMeasures.Tests;

/// <summary>The client against the loopback fake: job delays, not-ready styles, token expiry, faults and timeouts.</summary>
public sealed class ClientAgainstFakeTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PollingPolicy Polling = new(TimeSpan.FromSeconds(0.5), 2, TimeSpan.FromSeconds(8), TimeSpan.FromMinutes(2));

    [Theory]
    [InlineData(NotReadyStyle.Http400UnknownSchedule)]
    [InlineData(NotReadyStyle.Http202Status)]
    [InlineData(NotReadyStyle.Http503RetryAfter)]
    public async Task Polling_waits_with_a_growing_delay_until_the_job_is_done(NotReadyStyle style)
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour
            { NotReady = style, QueueDelay = TimeSpan.FromSeconds(3), RunDelay = TimeSpan.FromSeconds(10) });
        var (client, recorder) = TestClients.For(fake, time, Polling);

        var triggered = time.GetUtcNow();
        var job = await client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None);
        var schedule = await client.GetScheduleAsync(3, job, TimeSpan.FromHours(27), None);

        Assert.Equal(27 * 12, schedule.Values.Count);
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.Resolution);
        var waits = time.Waits;
        Assert.True(waits.Count >= 3, $"only {waits.Count} waits");
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second >= p.First), string.Join(", ", waits));
        Assert.True(waits[^1] > waits[0], "the delay never grew");
        var ready = time.GetUtcNow() - triggered;
        Assert.InRange(ready, TimeSpan.FromSeconds(13), TimeSpan.FromSeconds(13) + Polling.MaxDelay);
        Assert.All(recorder.Exchanges.Where(e => e.Path.Contains("/schedules/") && e.Path != "/api/v3_0/sensors/3/schedules/trigger").SkipLast(1),
            e => Assert.Equal(style switch { NotReadyStyle.Http202Status => 202, NotReadyStyle.Http503RetryAfter => 503, _ => 400 }, e.Status));
    }

    [Fact]
    public async Task Polling_gives_up_at_the_deadline()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { RunDelay = TimeSpan.FromMinutes(30) });
        var (client, _) = TestClients.For(fake, time, Polling);
        var job = await client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None);
        var started = time.GetUtcNow();

        await Assert.ThrowsAsync<FlexMeasuresTimeoutException>(() => client.GetScheduleAsync(3, job, TimeSpan.FromHours(27), None));

        Assert.InRange(time.GetUtcNow() - started, Polling.Deadline - Polling.MaxDelay, Polling.Deadline);
    }

    [Fact]
    public async Task A_failed_job_on_the_server_ends_polling_after_the_first_failed_answer()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { FailJobs = true });
        var (client, recorder) = TestClients.For(fake, time, Polling);
        var job = await client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None);

        await Assert.ThrowsAsync<FlexMeasuresScheduleFailedException>(() => client.GetScheduleAsync(3, job, TimeSpan.FromHours(27), None));

        // The job fails 3 s after the trigger (queue + run); polls at 0, +0.5, +1.5 and +3.5 s, the last one ends it.
        var polls = recorder.Exchanges.Where(e => e.Path.EndsWith(job, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, polls.Count);
        Assert.Same(polls[^1], recorder.Exchanges[^1]);
        Assert.Equal(TimeSpan.FromSeconds(3.5), time.GetUtcNow() - TestClients.Start);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_request_repeated()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { TokenLifetime = TimeSpan.FromHours(1) });
        var (client, recorder) = TestClients.For(fake, time, Polling);
        await client.GetSensorAsync(3, None);
        await client.GetSensorAsync(3, None);
        Assert.Equal(1, fake.Logins);

        time.Advance(TimeSpan.FromHours(2));
        var sensor = await client.GetSensorAsync(3, None);

        Assert.Equal(3, sensor.Id);
        Assert.Equal(2, fake.Logins);
        Assert.Equal([200, 200, 200, 401, 200, 200], recorder.Exchanges.Select(e => e.Status));
        Assert.DoesNotContain(recorder.Exchanges, e => e.Authorization?.StartsWith("Bearer", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Passwords_and_tokens_never_reach_logs_or_exceptions()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { TokenLifetime = TimeSpan.FromMinutes(1), FailJobs = true });
        var logger = new FakeLogger();
        var (client, recorder) = TestClients.For(fake, time, Polling, logger);
        var (wrong, _) = TestClients.For(fake, time, Polling, logger, password: "hunter2-wrong");
        var texts = new List<string>();

        var job = await client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None);
        time.Advance(TimeSpan.FromMinutes(5));
        texts.Add((await Assert.ThrowsAsync<FlexMeasuresScheduleFailedException>(() => client.GetScheduleAsync(3, job, TimeSpan.FromHours(1), None))).ToString());
        texts.Add((await Assert.ThrowsAsync<FlexMeasuresAuthenticationException>(() => wrong.GetSensorAsync(3, None))).ToString());
        fake.Behaviour.ServerErrors = 1;
        texts.Add((await Assert.ThrowsAsync<FlexMeasuresException>(() => client.GetSensorAsync(3, None))).ToString());
        texts.Add(new FlexMeasuresCredentials(fake.Behaviour.Email, fake.Behaviour.Password).ToString());

        var tokens = recorder.Exchanges.Select(e => e.Authorization).OfType<string>().Distinct().ToList();
        Assert.Equal(2, tokens.Count);
        Assert.NotEmpty(logger.Collector.GetSnapshot());
        foreach (var text in texts.Append(logger.Collector.AllText()))
            foreach (var secret in tokens.Append(fake.Behaviour.Password).Append("hunter2-wrong"))
                Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public async Task Server_errors_while_polling_are_waited_out_but_fail_a_trigger()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, _) = TestClients.For(fake, time, Polling);
        var job = await client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None);
        fake.Behaviour.ServerErrors = 2;

        var schedule = await client.GetScheduleAsync(3, job, TimeSpan.FromHours(1), None);
        Assert.Equal(12, schedule.Values.Count);

        fake.Behaviour.ServerErrors = 1;
        var error = await Assert.ThrowsAsync<FlexMeasuresException>(() => client.TriggerSensorScheduleAsync(3, TestClients.Trigger(TestClients.Start), None));
        Assert.Equal(500, error.HttpStatus);
    }

    [Fact]
    public async Task A_hanging_server_is_a_timeout_error()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { Hang = TimeSpan.FromSeconds(10) });
        var (client, _) = TestClients.For(fake, time, Polling, timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<FlexMeasuresTimeoutException>(() => client.GetSensorAsync(3, None));

        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task The_legacy_trigger_answer_and_the_asset_endpoint_give_a_schedule()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { LegacyTriggerAnswer = true, AssetId = 7 });
        var (client, _) = TestClients.For(fake, time, Polling);

        var asset = (await client.GetSensorAsync(3, None)).AssetId;
        var job = await client.TriggerAssetScheduleAsync(asset, 3, TestClients.Trigger(TestClients.Start), None);
        var schedule = await client.GetScheduleAsync(3, job, TimeSpan.FromHours(10), None);

        Assert.Equal(7, asset);
        Assert.Equal(120, schedule.Values.Count);
        Assert.Equal(0.0074, schedule.Values[0], 9);
    }

    [Fact]
    public async Task Posted_data_can_be_read_back_with_gaps_as_null()
    {
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var (client, _) = TestClients.For(fake, time, Polling);
        fake.Seed(9, TestClients.Start, TimeSpan.FromHours(1), [0.21, 0.19, null, 0.31]);

        var prices = await client.GetSensorDataAsync(9, TestClients.Start, TimeSpan.FromHours(4), "EUR/kWh", TimeSpan.FromHours(1), None);

        Assert.Equal([0.21, 0.19, null, 0.31], prices.Values);
    }
}
