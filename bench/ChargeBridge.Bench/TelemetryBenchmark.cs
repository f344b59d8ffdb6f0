using System.Diagnostics;
using System.Text;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Core.Units;
using ChargeBridge.Telemetry;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using static System.FormattableString;

namespace ChargeBridge.Bench;

/// <summary>
/// The InfluxDB telemetry sink against Debian's influxd on loopback. Throughput: samples of two loadpoints (3 points
/// each) published as fast as the loop can, timed until the server has taken every point; baseline in the same run:
/// the same lines posted batch by batch straight through the writer, without the buffer; three runs each after a
/// warm-up round. Control step: the Core work
/// of one step for two loadpoints (load following for each, the grid limit's allocation, the charge-mode decision, as
/// <see cref="ControllerStepCases"/> times them) plus building the sample and publishing it, with the sink on (the
/// writer sending to influxd at the same time) and off (<see cref="NoTelemetry"/>), in alternating blocks of 10 000.
/// Options: --samples N (throughput, default 200000), --steps N (per mode, default 200000).
/// </summary>
internal sealed class TelemetryBenchmark : IBenchmark
{
    public string Name => "telemetry";

    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public async Task RunAsync(string[] args)
    {
        var samples = (int)ModbusLatencyTable.Option(args, "--samples", 200_000);
        var steps = (int)ModbusLatencyTable.Option(args, "--steps", 200_000);
        await using var influx = await InfluxServer.StartAsync("bench");

        // A warm-up round of each (compiled code, the server's first shard) is left out.
        await SinkRateAsync(influx, samples / 10, 0);
        await DirectRateAsync(influx, samples / 10, 0);
        var sinkRates = new List<double>();
        var directRates = new List<double>();
        for (var run = 1; run <= 3; run++)
        {
            sinkRates.Add(await SinkRateAsync(influx, samples, run));
            directRates.Add(await DirectRateAsync(influx, samples, run));
        }
        Console.WriteLine("| writing to influxd 1.6 on loopback | points/s, median of 3 | runs |");
        Console.WriteLine("| --- | ---: | --- |");
        Console.WriteLine(Invariant($"| sink: Publish {samples} samples (3 points each), buffer → writer → influxd | {Stats.Median(sinkRates):0} | {string.Join(", ", sinkRates.Select(r => r.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} |"));
        Console.WriteLine(Invariant($"| baseline: the same batches posted one after another, no buffer | {Stats.Median(directRates):0} | {string.Join(", ", directRates.Select(r => r.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} |"));
        Console.WriteLine(Invariant($"\nsink / baseline: {Stats.Median(sinkRates) / Stats.Median(directRates):0.00}\n"));

        var (off, on) = await StepTimesAsync(influx, steps);
        Console.WriteLine("| control step, two loadpoints | p50 µs | p99 µs | p99.9 µs | steps |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Invariant($"| telemetry off (baseline) | {Stats.Median(off):0.000} | {Stats.Percentile(off, 99):0.000} | {Stats.Percentile(off, 99.9):0.000} | {off.Count} |"));
        Console.WriteLine(Invariant($"| telemetry on, writer sending to influxd | {Stats.Median(on):0.000} | {Stats.Percentile(on, 99):0.000} | {Stats.Percentile(on, 99.9):0.000} | {on.Count} |"));
        Console.WriteLine(Invariant($"\np99 on / off: {Stats.Percentile(on, 99) / Stats.Percentile(off, 99):0.00}; p50 on / off: {Stats.Median(on) / Stats.Median(off):0.00}"));
    }

    private static TelemetrySample Sample(int i) =>
        new(T0.AddMilliseconds(i), Power.FromWatts(1000 + i % 500), Power.FromWatts(-2500), null, Power.FromWatts(800 + i % 300),
            [new LoadpointSample("garage", Power.FromWatts(-3680), Power.FromWatts(-3700), new Percent(61)),
             new LoadpointSample("driveway", Power.FromWatts(7360), Power.FromWatts(7400), new Percent(40))]);

    private static TelemetryOptions Options(InfluxServer influx, int buffer) => new()
    {
        InfluxUrl = influx.Url, Database = "bench", Flush = TimeSpan.FromMilliseconds(100), BatchSize = 5000, BufferSize = buffer,
    };

    private static async Task<double> SinkRateAsync(InfluxServer influx, int samples, int run)
    {
        using var metrics = new TelemetryMetrics();
        using var sink = new InfluxSink(Options(influx, samples), new HttpClient(), metrics, TimeProvider.System, NullLogger<InfluxSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        var offset = run * 2 * samples;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < samples; i++) sink.Publish(Sample(offset + i));
        await Wait.Until(() => sink.WrittenTotal == 3L * samples, "every point written", TimeSpan.FromMinutes(5));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (sink.DroppedTotal != 0) throw new InvalidOperationException($"{sink.DroppedTotal} samples dropped");
        await sink.StopAsync(CancellationToken.None);
        return 3.0 * samples / seconds;
    }

    private static async Task<double> DirectRateAsync(InfluxServer influx, int samples, int run)
    {
        using var http = new HttpClient();
        var writer = new InfluxWriter(http, Options(influx, samples));
        var offset = (run * 2 + 1) * samples;
        var start = Stopwatch.GetTimestamp();
        for (var first = 0; first < samples; first += 5000)
        {
            var text = new StringBuilder();
            for (var i = first; i < Math.Min(samples, first + 5000); i++) LineProtocol.Append(text, Sample(offset + i));
            await writer.WriteAsync(text.ToString(), CancellationToken.None);
        }
        return 3.0 * samples / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Step times in µs with telemetry off and on, in alternating blocks of 10 000 steps after a warm-up, so
    /// that other work on the machine falls on both alike.</summary>
    private static async Task<(List<double> Off, List<double> On)> StepTimesAsync(InfluxServer influx, int steps)
    {
        var cases = new ControllerStepCases();
        cases.Setup();
        using var metrics = new TelemetryMetrics();
        using var sink = new InfluxSink(Options(influx, 3600) with { Flush = TimeSpan.FromSeconds(1), BatchSize = 1000 }, new HttpClient(), metrics,
            TimeProvider.System, NullLogger<InfluxSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        var (off, on) = (new List<double>(steps), new List<double>(steps));
        const int block = 10_000;
        var i = 0;
        void Run(ITelemetrySink target, List<double>? times, int count)
        {
            for (var n = 0; n < count; n++, i++)
            {
                var start = Stopwatch.GetTimestamp();
                cases.LoadFollowing();
                cases.LoadFollowing();
                cases.GridLimitTwoLoadpoints();
                cases.ChargeModeDecision();
                target.Publish(Sample(10_000_000 + i));
                times?.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
        Run(NoTelemetry.Instance, null, 20_000);
        Run(sink, null, 20_000);
        for (var b = 0; b < Math.Max(1, steps / block); b++)
        {
            Run(NoTelemetry.Instance, off, block);
            Run(sink, on, block);
        }
        await sink.StopAsync(CancellationToken.None);
        return (off, on);
    }
}
