using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.FlexMeasures.Planning;

namespace ChargeBridge.Bench;

/// <summary>
/// Time from triggering a FlexMeasures schedule to a usable (checked, converted) 27-hour 5-minute schedule, against
/// the loopback fake with job delays like a hosted server's (queue 0.5 s, run 1–4 s), with the default polling
/// policy. Baseline: the moment the job is done on the server; the ratio is the cost of polling.
/// </summary>
internal sealed class FlexMeasuresScheduleBenchmark : IBenchmark
{
    public string Name => "flexmeasures-schedule";

    public async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 12;
        var time = TimeProvider.System;
        await using var fake = await FakeFlexMeasuresServer.StartAsync(time, new FakeFlexMeasuresBehaviour { QueueDelay = TimeSpan.FromSeconds(0.5) });
        using var primary = new SocketsHttpHandler();
        var (client, http) = FlexMeasuresClient.Create(primary, fake.BaseAddress, TimeSpan.FromSeconds(30),
            new FlexMeasuresCredentials(fake.Behaviour.Email, fake.Behaviour.Password), time);
        using var _ = http;
        var planner = new FlexMeasuresPlanner(client, new FlexMeasuresPlannerOptions(PowerSensor: 3, ConsumptionPriceSensor: 11, ProductionPriceSensor: 12));
        var random = new Random(5);

        var measured = new List<double>();
        var ready = new List<double>();
        var ratios = new List<double>();
        await planner.PlanAsync(Request(time.GetUtcNow()), CancellationToken.None); // login and JIT outside the samples
        for (var i = 0; i < runs; i++)
        {
            fake.Behaviour.RunDelay = TimeSpan.FromSeconds(1 + 3 * random.NextDouble());
            var jobSeconds = (fake.Behaviour.QueueDelay + fake.Behaviour.RunDelay).TotalSeconds;
            var watch = Stopwatch.StartNew();
            var schedule = await planner.PlanAsync(Request(time.GetUtcNow()), CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            if (schedule.Slots.Count != 27 * 12) throw new InvalidOperationException("unexpected schedule length");
            measured.Add(seconds);
            ready.Add(jobSeconds);
            ratios.Add(seconds / jobSeconds);
        }

        Console.WriteLine($"runs: {runs}, polling: first delay {PollingPolicy.Default.FirstDelay.TotalSeconds} s, growth {PollingPolicy.Default.Growth}, max delay {PollingPolicy.Default.MaxDelay.TotalSeconds} s");
        Console.WriteLine("| measure | median | p90 | max |");
        Console.WriteLine("|---|---|---|---|");
        Row("trigger to usable schedule (s)", measured);
        Row("baseline: job done on the server (s)", ready);
        Row("ratio measured / baseline", ratios);
        Row("polling overhead (s)", measured.Zip(ready, (m, r) => m - r).ToList());
    }

    private static void Row(string name, IReadOnlyList<double> samples) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Stats.Median(samples):0.000} | {Stats.Percentile(samples, 90):0.000} | {samples.Max():0.000} |"));

    private static PlanRequest Request(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.FromMinutes(5).Ticks, TimeSpan.Zero);
        var hour = new DateTimeOffset(start.UtcTicks - start.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        return new PlanRequest
        {
            Start = start,
            Soc = new Percent(40),
            BuyPrices = new TimeSeries<EnergyPrice>(
                Enumerable.Range(0, 30).Select(h => new TimePoint<EnergyPrice>(hour.AddHours(h), new EnergyPrice(0.2 + 0.1 * Math.Sin(h / 4.0)))),
                TimeSpan.FromHours(1)),
            Targets = [new SocTarget(start.AddHours(10), new Percent(80))],
        };
    }
}
