using ChargeBridge.Core.Statistics;
using System.Diagnostics;
using System.Globalization;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Outbox;

namespace ChargeBridge.Bench;

/// <summary>
/// Flushing a backlog from the outbox to the loopback fake: a day (288 intervals × 3 sensors) and a month. Baseline:
/// posting the same blocks straight from memory with the same client, so the ratio is the outbox's own cost
/// (reading, marking sent, deleting).
/// </summary>
internal sealed class OutboxFlushBenchmark : IBenchmark
{
    public string Name => "outbox-flush";

    public async Task RunAsync(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var time = TimeProvider.System;
        var sensors = new MeasurementSensors(4, 5, 6);
        Console.WriteLine("| backlog | outbox flush median (s) | values/s | baseline direct posts median (s) | ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var days in new[] { 1, 30 })
        {
            var flush = new List<double>();
            var direct = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(40 * r);
                var intervals = Enumerable.Range(0, days * 288)
                    .Select(i => new MeasurementInterval(start.AddMinutes(5 * i), i * 1e-6, 50, 100)).ToList();
                await using var fake = await FakeFlexMeasuresServer.StartAsync(time);
                using var primary = new SocketsHttpHandler();
                var (client, http) = FlexMeasuresClient.Create(primary, fake.BaseAddress, TimeSpan.FromSeconds(100),
                    new FlexMeasuresCredentials(fake.Behaviour.Email, fake.Behaviour.Password), time);
                using var _ = http;
                await client.GetSensorAsync(4, CancellationToken.None); // log in outside the samples

                var folder = Directory.CreateTempSubdirectory("chargebridge-flush-bench-").FullName;
                try
                {
                    using var outbox = MeasurementOutbox.Open(folder);
                    outbox.Add(intervals);
                    var watch = Stopwatch.StartNew();
                    var sent = await new MeasurementUploader(outbox, client, sensors, time).FlushAsync(CancellationToken.None);
                    flush.Add(watch.Elapsed.TotalSeconds);
                    if (sent != 3 * intervals.Count || fake.Received(4).Count != intervals.Count)
                        throw new InvalidOperationException("not everything was sent");
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }

                var later = intervals.Select(i => i with { Start = i.Start.AddDays(days + 1) }).ToList();
                var directWatch = Stopwatch.StartNew();
                foreach (var sensor in new[] { sensors.Power, sensors.Soc, sensors.Availability })
                    foreach (var block in later.Chunk(MeasurementUploader.MaxBlock))
                        await client.PostSensorDataAsync(sensor, new SensorSeries(block[0].Start, TimeSpan.FromMinutes(5),
                            block.Select(b => (double?)b.PowerMegawatts).ToList(), "MW"), TimeSpan.Zero, CancellationToken.None);
                direct.Add(directWatch.Elapsed.TotalSeconds);
            }
            var values = 3 * days * 288;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {days} day(s), {values} values | {Stats.Median(flush):0.000} | {values / Stats.Median(flush):0} | {Stats.Median(direct):0.000} | {Stats.Median(flush) / Stats.Median(direct):0.00} |"));
        }
    }
}
