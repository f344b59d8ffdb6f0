using System.Globalization;
using System.Text.RegularExpressions;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Demo;
using ChargeBridge.Host.Report;
using ChargeBridge.Host.Verbs;

namespace ChargeBridge.Host.Tests;

/// <summary>The demo's simulated day, run in-process once: the verb's output and the recording a report draws.</summary>
[Collection(DemoDayCollection.Name)]
public partial class DemoTests(DemoRun run)
{
    [Fact]
    public void The_demo_verb_meets_the_trip_target_prints_the_savings_and_the_report_and_exits_0_within_a_minute()
    {
        var text = run.Output;
        Assert.True(run.Exit == 0, text);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(60), $"the demo took {run.Elapsed}");
        Assert.Contains("app power_mirror: Running", text);
        Assert.Contains("app v2g: Running", text);
        var target = TargetLine().Match(text);
        Assert.True(target.Success, text);
        Assert.True(double.Parse(target.Groups["had"].Value) >= double.Parse(target.Groups["needed"].Value), target.Value);
        Assert.Equal(11, text.Split('\n').Count(l => l.Contains("simulated day"))); // 0 % to 100 % in tenths
        Assert.Contains($"Report with the day's chart and table: {run.Report} (open it in a browser)", text);
        Assert.True(File.Exists(run.Report));
    }

    [Fact]
    public void The_printed_figures_are_the_report_tables()
    {
        var rows = DemoReport.Build(run.Recording).Rows.ToDictionary(r => r.Strategy);
        var (ours, naive, cheapest) = (rows[DemoReport.Ours], rows[DemoReport.Naive], rows[DemoReport.CheapestSlots]);
        string Eur(double? value) => value!.Value.ToString("0.00", CultureInfo.InvariantCulture);

        var savings = SavingsLine().Match(run.Output);
        Assert.True(savings.Success, run.Output);
        Assert.Equal((Eur(naive.NetEur), Eur(ours.SavingsVsNaiveEur)), (savings.Groups["baseline"].Value, savings.Groups["eur"].Value));
        Assert.True(ours.SavingsVsNaiveEur > 0, savings.Value);
        Assert.Contains($"Savings against cheapest-slots charging (the cheapest hours up to the trip's target, {Eur(cheapest.NetEur)} EUR): {Eur(ours.SavingsVsCheapestSlotsEur)} EUR", run.Output);
        Assert.Contains($" for {Eur(ours.CostEur)} EUR, discharged ", run.Output);
        Assert.Contains($" for {Eur(ours.RevenueEur)} EUR: net cost {Eur(ours.NetEur)} EUR", run.Output);
    }

    [Fact]
    public async Task A_report_folder_that_does_not_exist_is_named_before_the_day_is_simulated()
    {
        var output = new StringWriter();
        var report = new FileInfo(Path.Combine(Path.GetTempPath(), "chargebridge-no-such-folder-" + Guid.NewGuid().ToString("N"), "report.html"));
        var (exit, recording) = await DemoVerb.RunAsync(output, interactive: false, report, CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Null(recording);
        Assert.Equal($"Cannot write the report to {report.FullName}: the folder {report.DirectoryName} does not exist.{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public void The_recording_holds_the_whole_day_in_5_minute_steps_and_its_totals_add_up()
    {
        var scenario = new DemoScenario();
        var recording = run.Recording;

        Assert.Equal(288, recording.Steps.Count);
        Assert.Equal(scenario.Start, recording.Steps[0].At);
        Assert.Equal(scenario.End - DemoDay.RecordInterval, recording.Steps[^1].At);
        Assert.All(recording.Steps.Zip(recording.Steps.Skip(1)), p => Assert.Equal(DemoDay.RecordInterval, p.Second.At - p.First.At));
        Assert.All(recording.Steps, s => Assert.Equal(scenario.Prices.ValueAt(s.At), s.Price));

        // The plan is followed: while the car is plugged in and scheduled in Automatic, the actual SoC stays near the prognosis, and
        // where home power does not shape it (Automatic without PV; noon's surplus and the evening's V2H do) the
        // charger runs at the planned power. With solar on, home power control carries the minute step's set point to
        // the charger at its next control step, so a step is recorded before its slot's change or just after.
        var planned = recording.Steps.Where(s => s.CarConnected && s.PlannedPower is not null).ToList();
        Assert.True(planned.Count > 200, $"{planned.Count} steps with a schedule");
        var plain = recording.Steps.Zip(recording.Steps.Skip(1))
            .Where(p => planned.Contains(p.Second) && p.Second.Mode == "Automatic" && p.Second.Pv == Power.Zero).ToList();
        Assert.True(plain.Count > 80, $"{plain.Count} steps following the plan alone");
        Assert.True(plain.Count(p => new[] { p.First.PlannedPower, p.Second.PlannedPower }.Any(w => w is { } watts && Math.Abs(p.Second.ActualPower.Watts - watts.Watts) < 1))
            > plain.Count * 0.9, string.Join("; ", plain.Select(p => $"{p.Second.At:HH:mm} planned {p.Second.PlannedPower} actual {p.Second.ActualPower}")));
        // In the evening's V2H mode the car follows the house, not the slot the schedule still shows.
        Assert.All(planned.Where(s => s.Mode == "Automatic"), s => Assert.InRange(s.ActualSoc.Value - s.SocPrognosis!.Value.Value, -3, 3));
        Assert.Contains(planned, s => s.PlannedPower!.Value.IsDischarging);

        // The trip: shown while under way, the car unplugged, its target met.
        Assert.Equal(2, recording.Events.Count);
        var trip = recording.Events[0];
        Assert.True(trip.Met, $"needed {trip.Target}, had {trip.SocAtStart}");
        Assert.All(recording.Steps.Where(s => s.At >= trip.Start), s => Assert.Equal((trip.Summary, false), (s.Event, s.CarConnected)));
        Assert.All(recording.Steps.Where(s => s.At < trip.Start), s => Assert.Null(s.Event));

        // Totals only grow, end where the recording ends, and match the SoC the battery gained at 92 % each way.
        Assert.All(recording.Steps.Zip(recording.Steps.Skip(1)), p =>
            Assert.True(p.Second.Totals.Charged >= p.First.Totals.Charged && p.Second.Totals.Discharged >= p.First.Totals.Discharged));
        Assert.Equal(recording.Totals, recording.Steps[^1].Totals);
        var stored = recording.Totals.Charged.KilowattHours * 0.92 - recording.Totals.Discharged.KilowattHours / 0.92;
        Assert.Equal((trip.SocAtStart!.Value.Value - scenario.PlugInSoc.Value) / 100 * 62, stored, 0.01);
    }

    [Fact]
    public void The_site_s_second_car_charges_only_on_its_own_charger_and_meets_its_commute_while_the_grid_meter_sees_the_house_and_both()
    {
        var scenario = new DemoScenario();
        var recording = run.Recording;
        var commute = recording.Events[1];
        Assert.Equal(("driveway", scenario.SecondCar.Trip.Summary), (commute.Loadpoint, commute.Summary));
        Assert.True(commute.Met, $"needed {commute.Target}, had {commute.SocAtStart}");
        Assert.Equal(scenario.SecondCar.TripTarget(scenario.PracticalMaxSoc), commute.Target);

        var second = recording.Steps.Select(s => s.SecondCar).ToList();
        // A charge-only charger is never planned to discharge, and it charged (its SoC rose) only while plugged in.
        Assert.All(second, s => Assert.False(s.PlannedPower?.IsDischarging ?? false, $"planned {s.PlannedPower}"));
        Assert.All(second, s => Assert.False(s.ActualPower.IsDischarging));
        Assert.Contains(second, s => s.ActualPower.Watts > 4000);
        Assert.All(recording.Steps.Where(s => s.At < scenario.SecondCar.PlugIn), s => Assert.False(s.SecondCar.Connected));
        Assert.True(recording.SecondCarTotals.Charged.KilowattHours > 10, $"{recording.SecondCarTotals.Charged}");

        // The Shelly twin's grid power reaches HA through the site loop: house + both chargers, as the demo metered it.
        var metered = recording.Steps.Where(s => s.Grid is not null).ToList();
        Assert.True(metered.Count > 250, $"{metered.Count} steps with a grid reading");
        Assert.Contains(metered, s => s.Grid!.Value.Watts > 14000);
        Assert.Contains(metered, s => s.Grid!.Value.IsDischarging);
    }

    [GeneratedRegex(@"Target met: .* needed (?<needed>[0-9.]+) %, the car had (?<had>[0-9.]+) %")]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"Savings against naive charging \(.*, (?<baseline>-?[0-9.]+) EUR\): (?<eur>-?[0-9.]+) EUR")]
    private static partial Regex SavingsLine();
}
