using ChargeBridge.Core.Statistics;
using System.Diagnostics;
using System.Globalization;
using ChargeBridge.FlexMeasures.Outbox;

namespace ChargeBridge.Bench;

/// <summary>
/// Measurement outbox writes and file size. Writes go one interval per transaction (fsync'd, as the recorder writes
/// every 5 minutes); baseline: the same intervals in one transaction, which shows what each commit costs.
/// File size: a month (8 640 intervals) that could not be sent, as after a month-long outage.
/// </summary>
internal sealed class OutboxBenchmark : IBenchmark
{
    public string Name => "outbox";

    public Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var intervals = Enumerable.Range(0, 30 * 288)
            .Select(i => new MeasurementInterval(start.AddMinutes(5 * i), Math.Sin(i / 10.0) * 0.0074, 20 + i % 60, i % 7 == 0 ? 80 : 100))
            .ToList();

        var single = new List<double>();
        var folder = Directory.CreateTempSubdirectory("chargebridge-outbox-bench-").FullName;
        try
        {
            using (var outbox = MeasurementOutbox.Open(Path.Combine(folder, "single")))
            {
                foreach (var interval in intervals.Take(count))
                {
                    var watch = Stopwatch.StartNew();
                    outbox.Add([interval]);
                    single.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            double batchSeconds;
            long monthBytes;
            using (var outbox = MeasurementOutbox.Open(Path.Combine(folder, "month")))
            {
                var watch = Stopwatch.StartNew();
                outbox.Add(intervals);
                batchSeconds = watch.Elapsed.TotalSeconds;
                if (outbox.Count() != intervals.Count) throw new InvalidOperationException("intervals missing");
            }
            // Closing the last connection checkpoints the WAL into the database file.
            monthBytes = Directory.GetFiles(Path.Combine(folder, "month")).Sum(f => new FileInfo(f).Length);

            var singleRate = 1000 / single.Average();
            var batchRate = intervals.Count / batchSeconds;
            Console.WriteLine($"intervals written one per transaction: {count}; in one transaction: {intervals.Count}");
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| one interval per commit: median / p99 latency (ms) | {Stats.Median(single):0.000} / {Stats.Percentile(single, 99):0.000} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| one interval per commit: throughput (intervals/s) | {singleRate:0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline, one commit for the month: throughput (intervals/s) | {batchRate:0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio per-commit / batch throughput | {singleRate / batchRate:0.0000} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| file size for one month unsent (8 640 intervals) | {monthBytes / 1024.0:0} KiB ({(double)monthBytes / intervals.Count:0} bytes/interval) |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| needed rate (1 interval / 5 min) vs per-commit throughput | 1 : {singleRate * 300:0} |"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return Task.CompletedTask;
    }
}
