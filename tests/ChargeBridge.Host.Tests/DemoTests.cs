using System.Diagnostics;
using System.Text.RegularExpressions;
using ChargeBridge.Host.Demo;
using ChargeBridge.Host.Verbs;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Tests;

/// <summary>The demo's simulated day, run in-process: the verb's output and the recording a report draws.</summary>
public partial class DemoTests
{
    [Fact]
    public async Task The_demo_verb_meets_the_trip_target_prints_the_savings_and_exits_0_within_a_minute()
    {
        var output = new StringWriter();
        var watch = Stopwatch.StartNew();
        var exit = await DemoVerb.RunAsync(output, interactive: false, CancellationToken.None);
        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the demo took {watch.Elapsed}");
        Assert.Contains("app power_mirror: Running", text);
        Assert.Contains("app v2g: Running", text);
        var target = TargetLine().Match(text);
        Assert.True(target.Success, text);
        Assert.True(double.Parse(target.Groups["had"].Value) >= double.Parse(target.Groups["needed"].Value), target.Value);
        var savings = SavingsLine().Match(text);
        Assert.True(savings.Success, text);
        Assert.True(double.Parse(savings.Groups["eur"].Value) > 0, savings.Value);
        Assert.Equal(11, text.Split('\n').Count(l => l.Contains("simulated day"))); // 0 % to 100 % in tenths
    }

    [Fact]
    public async Task The_recording_holds_the_whole_day_in_5_minute_steps_and_its_totals_add_up()
    {
        var scenario = new DemoScenario();
        var recording = await DemoDay.RunAsync(scenario, null, LogLevel.Error, CancellationToken.None);

        Assert.Equal(288, recording.Steps.Count);
        Assert.Equal(scenario.Start, recording.Steps[0].At);
        Assert.Equal(scenario.End - DemoDay.RecordInterval, recording.Steps[^1].At);
        Assert.All(recording.Steps.Zip(recording.Steps.Skip(1)), p => Assert.Equal(DemoDay.RecordInterval, p.Second.At - p.First.At));
        Assert.All(recording.Steps, s => Assert.Equal(scenario.Prices.ValueAt(s.At), s.Price));

        // The plan is followed: while the car is plugged in and scheduled, the charger runs at the planned power and
        // the actual SoC stays near the prognosis.
        var planned = recording.Steps.Where(s => s.CarConnected && s.PlannedPower is not null).ToList();
        Assert.True(planned.Count > 200, $"{planned.Count} steps with a schedule");
        Assert.True(planned.Count(s => Math.Abs(s.ActualPower.Watts - s.PlannedPower!.Value.Watts) < 1) > planned.Count * 0.9);
        Assert.All(planned, s => Assert.InRange(s.ActualSoc.Value - s.SocPrognosis!.Value.Value, -3, 3));
        Assert.Contains(planned, s => s.PlannedPower!.Value.IsDischarging);

        // The trip: shown while under way, the car unplugged, its target met.
        var trip = Assert.Single(recording.Events);
        Assert.True(trip.Met, $"needed {trip.Target}, had {trip.SocAtStart}");
        Assert.All(recording.Steps.Where(s => s.At >= trip.Start), s => Assert.Equal((trip.Summary, false), (s.Event, s.CarConnected)));
        Assert.All(recording.Steps.Where(s => s.At < trip.Start), s => Assert.Null(s.Event));

        // Totals only grow, end where the recording ends, and match the SoC the battery gained at 92 % each way.
        Assert.All(recording.Steps.Zip(recording.Steps.Skip(1)), p =>
            Assert.True(p.Second.Totals.Charged >= p.First.Totals.Charged && p.Second.Totals.Discharged >= p.First.Totals.Discharged));
        Assert.Equal(recording.Totals, recording.Steps[^1].Totals);
        var stored = recording.Totals.Charged.KilowattHours * 0.92 - recording.Totals.Discharged.KilowattHours / 0.92;
        Assert.Equal((trip.SocAtStart!.Value.Value - scenario.PlugInSoc.Value) / 100 * 62, stored, 0.01);
        Assert.True(recording.Savings.SavingsEur > 0);
    }

    [GeneratedRegex(@"Target met: .* needed (?<needed>[0-9.]+) %, the car had (?<had>[0-9.]+) %")]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"Savings against naive charging \(.*\): (?<eur>-?[0-9.]+) EUR")]
    private static partial Regex SavingsLine();
}
