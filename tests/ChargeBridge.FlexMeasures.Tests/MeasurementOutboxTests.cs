using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Outbox;
using ChargeBridge.FlexMeasures.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.FlexMeasures.Tests;

/// <summary>Every 5-minute interval reaches the fake server exactly once and in order, whatever happens in between.</summary>
public sealed class MeasurementOutboxTests
{
    private static readonly MeasurementSensors Sensors = new(Power: 4, Soc: 5, Availability: 6);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Unsent_intervals_survive_a_process_restart()
    {
        using var folder = new TempFolder();
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var intervals = Intervals(TestClients.Start, 30).ToList();
        using (var before = MeasurementOutbox.Open(folder.Path))
            before.Add(intervals);

        using var after = MeasurementOutbox.Open(folder.Path);
        after.Add(intervals.Take(3));
        await Uploader(after, fake, time).FlushAsync(None);

        AssertEachOnceInOrder(fake, intervals);
        Assert.Equal(0, after.Count());
    }

    [Fact]
    public async Task A_day_long_outage_delays_the_values_but_loses_none()
    {
        using var folder = new TempFolder();
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { Down = true });
        using var outbox = MeasurementOutbox.Open(folder.Path);
        var recorder = new MeasurementRecorder(outbox);
        var uploader = Uploader(outbox, fake, time);

        var soc = 30.0;
        for (var minute = 0; minute <= 24 * 60; minute++)
        {
            var at = TestClients.Start.AddMinutes(minute);
            var watts = minute % 120 < 60 ? 7400 : -3000;
            recorder.Record(new MeasurementSample(at, Power.FromWatts(watts), new Percent(soc), minute % 50 != 0));
            soc = Math.Clamp(soc + watts / 62000.0 / 60 * 100, 20, 80);
            if (minute % 60 == 0 && minute > 0)
                Assert.Equal(0, await uploader.FlushAsync(None));
        }
        Assert.Equal(288, outbox.Count());
        Assert.Empty(fake.Received(Sensors.Power));

        fake.Behaviour.Down = false;
        Assert.Equal(3 * 288, await uploader.FlushAsync(None));

        var power = fake.Received(Sensors.Power);
        Assert.Equal(Enumerable.Range(0, 288).Select(i => TestClients.Start.AddMinutes(5 * i)), power.Select(v => v.Start));
        Assert.All(power.Take(12), v => Assert.Equal(0.0074, v.Value, 9));
        Assert.Equal(288, fake.Received(Sensors.Soc).Count);
        Assert.Equal(288, fake.Received(Sensors.Availability).Count);
        Assert.Equal(0, outbox.Count());
    }

    [Fact]
    public async Task A_server_failing_in_the_middle_of_a_round_gets_each_interval_once()
    {
        using var folder = new TempFolder();
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        using var outbox = MeasurementOutbox.Open(folder.Path);
        var uploader = Uploader(outbox, fake, time);
        // 30 hours: two power blocks (288 + 72). The first is stored but its answer is lost.
        var intervals = Intervals(TestClients.Start, 360).ToList();
        outbox.Add(intervals);

        fake.Behaviour.StoreThenFailPosts = 1;
        Assert.Equal(0, await uploader.FlushAsync(None));
        Assert.Equal(288, fake.Received(Sensors.Power).Count);

        // The next round re-sends block 1 (recognised as already received, not stored again) and everything else.
        Assert.Equal(3 * 360, await uploader.FlushAsync(None));

        AssertEachOnceInOrder(fake, intervals);
        Assert.Equal(0, outbox.Count());
    }

    [Fact]
    public async Task A_failure_between_sensors_resends_only_what_was_not_taken()
    {
        using var folder = new TempFolder();
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { FailPostsToSensor = Sensors.Soc });
        using var outbox = MeasurementOutbox.Open(folder.Path);
        var uploader = Uploader(outbox, fake, time);
        var intervals = Intervals(TestClients.Start, 12).ToList();
        outbox.Add(intervals);

        Assert.Equal(12, await uploader.FlushAsync(None));
        fake.Behaviour.FailPostsToSensor = null;
        Assert.Equal(24, await uploader.FlushAsync(None));

        AssertEachOnceInOrder(fake, intervals);
    }

    [Fact]
    public async Task Rounds_run_at_each_full_hour()
    {
        using var folder = new TempFolder();
        var time = new AutoAdvancingTime(TestClients.Start.AddMinutes(10));
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        using var outbox = MeasurementOutbox.Open(folder.Path);
        outbox.Add(Intervals(TestClients.Start, 2));
        using var stop = new CancellationTokenSource();

        var run = Uploader(outbox, fake, time).RunAsync(stop.Token);
        var waited = Task.Delay(TimeSpan.FromSeconds(10));
        while (fake.Received(Sensors.Availability).Count < 2 && !waited.IsCompleted)
            await Task.Delay(10);
        stop.Cancel();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting for the next hour.
        }

        Assert.Equal(TimeSpan.FromMinutes(50), time.Waits[0]);
        Assert.All(time.Waits.Skip(1), w => Assert.Equal(TimeSpan.FromHours(1), w));
        AssertEachOnceInOrder(fake, Intervals(TestClients.Start, 2).ToList());
    }

    [Fact]
    public async Task A_local_fault_does_not_end_the_hourly_rounds()
    {
        using var folder = new TempFolder();
        var time = new AutoAdvancingTime(TestClients.Start);
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
        var outbox = MeasurementOutbox.Open(folder.Path);
        outbox.Dispose();
        var logger = new FakeLogger();
        int FailedRounds() => logger.Collector.GetSnapshot().Count(r => r is { Level: LogLevel.Error, Exception: not null });
        using var stop = new CancellationTokenSource();

        var run = new MeasurementUploader(outbox, TestClients.For(fake, time).Client, Sensors, time, logger).RunAsync(stop.Token);
        var waited = Task.Delay(TimeSpan.FromSeconds(10));
        while (FailedRounds() < 3 && !waited.IsCompleted)
            await Task.Delay(10);
        stop.Cancel();
        try
        {
            await run; // a round that let the fault escape would rethrow it here
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting for the next hour.
        }

        Assert.True(FailedRounds() >= 3);
    }

    private static MeasurementUploader Uploader(MeasurementOutbox outbox, FakeFlexMeasuresServer fake, TimeProvider time) =>
        new(outbox, TestClients.For(fake, time).Client, Sensors, time);

    private static IEnumerable<MeasurementInterval> Intervals(DateTimeOffset start, int count) =>
        Enumerable.Range(0, count).Select(i => new MeasurementInterval(start.AddMinutes(5 * i), i * 1e-6, 20 + i % 60, 100 - i % 3));

    private static void AssertEachOnceInOrder(FakeFlexMeasuresServer fake, IReadOnlyList<MeasurementInterval> expected)
    {
        Assert.Equal(expected.Select(i => (i.Start, i.PowerMegawatts)), fake.Received(Sensors.Power).Select(v => (v.Start, v.Value)));
        Assert.Equal(expected.Select(i => (i.Start, i.SocPercent)), fake.Received(Sensors.Soc).Select(v => (v.Start, v.Value)));
        Assert.Equal(expected.Select(i => (i.Start, i.AvailabilityPercent)), fake.Received(Sensors.Availability).Select(v => (v.Start, v.Value)));
    }
}
