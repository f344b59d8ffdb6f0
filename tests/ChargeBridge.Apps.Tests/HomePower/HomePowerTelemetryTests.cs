using System.Collections.Concurrent;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>The site loop hands the telemetry sink one sample per control step, with what HA shows for that step.</summary>
public sealed class HomePowerTelemetryTests
{
    private sealed class RecordingSink : ITelemetrySink
    {
        public ConcurrentQueue<TelemetrySample> Samples { get; } = new();

        public TelemetryStatus Status => TelemetryStatus.NothingToWrite;

        public void Publish(TelemetrySample sample) => Samples.Enqueue(sample);
    }

    [Fact]
    public async Task Every_control_step_publishes_one_sample_of_the_meters_and_each_loadpoint()
    {
        var sink = new RecordingSink();
        var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(2), _ => 1500, _ => 400);
        await using var site = await HomePowerSite.StartAsync(trace, new HomePowerSiteOptions(Cars: 2, CarSoc: 70, Telemetry: sink));
        await site.SetModeAsync(ChargeMode.PowerTheHouse);
        sink.Samples.Clear();

        var steps = await site.RunAsync(TimeSpan.FromSeconds(60));

        var samples = sink.Samples.ToArray();
        Assert.Equal(samples.Select(s => s.At).Distinct().Count(), samples.Length);
        Assert.All(samples.Zip(samples.Skip(1)), pair => Assert.Equal(HomePowerSite.Pace, pair.Second.At - pair.First.At));
        Assert.InRange(samples.Length, steps.Count, steps.Count + 1);
        var last = steps[^1];
        var sample = samples.Single(s => s.At - HomePowerSite.Start == last.At);
        Assert.Equal(last.Grid, Math.Round(sample.Grid!.Value.Watts));
        Assert.Equal(-400, sample.Pv!.Value.Watts);
        Assert.Equal(["car0", "car1"], sample.Loadpoints.Select(l => l.Name));
        Assert.All(sample.Loadpoints, l => Assert.Equal(70, l.Soc!.Value.Value));
        // A sample holds the set point in force while its meters were read: one the car's charger was sent during the run.
        for (var car = 0; car < 2; car++)
        {
            var sent = steps.Select(step => (double)step.SetPoints[car]).Append(0).ToHashSet();
            Assert.All(samples, s => Assert.Contains(s.Loadpoints[car].SetPoint.Watts, sent));
        }
        Assert.Contains(samples, s => s.Loadpoints.Sum(l => l.SetPoint.Watts) < 0);
    }
}
