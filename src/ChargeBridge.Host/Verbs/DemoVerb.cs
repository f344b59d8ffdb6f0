using System.CommandLine;
using System.Globalization;
using ChargeBridge.Host.Demo;
using ChargeBridge.Host.Report;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Verbs;

/// <summary>`demo`: with nothing configured, runs every app against the in-process HA fake and the Quasar simulator on
/// loopback through a simulated day on real prices, prints what the V2G app did and what it saved, and writes the day
/// as a self-contained HTML report.</summary>
internal sealed class DemoVerb : IVerb
{
    public const string DefaultReport = "chargebridge-demo-report.html";

    public Command Create()
    {
        var report = new Option<FileInfo>("--report")
        {
            Description = "where to write the HTML report of the day (a relative path is in the current folder)",
            HelpName = "FILE",
            DefaultValueFactory = _ => new FileInfo(DefaultReport),
        };
        var command = new Command("demo", "Run the apps through a simulated day against a built-in Home Assistant fake and charger simulator; needs nothing configured")
        {
            report,
        };
        command.SetAction(async (parse, ct) => (await RunAsync(Console.Out, !Console.IsOutputRedirected, parse.GetValue(report)!, ct)).Exit);
        return command;
    }

    /// <summary>
    /// Runs the demo, writing to <paramref name="output"/> and the report to <paramref name="report"/>. Exit 0 when
    /// every app ran and every trip's target was met, 1 when not, 2 when the report cannot be written; the recording
    /// when the day ran.
    /// </summary>
    internal static async Task<(int Exit, DemoRecording? Recording)> RunAsync(TextWriter output, bool interactive, FileInfo report, CancellationToken ct)
    {
        // Checked first, so a mistyped folder does not cost the wait for the simulated day.
        if (report.Directory is { Exists: false } folder)
        {
            output.WriteLine($"Cannot write the report to {report.FullName}: the folder {folder.FullName} does not exist.");
            return (2, null);
        }
        var scenario = new DemoScenario();
        output.WriteLine(FormattableString.Invariant(
            $"Simulating {scenario.Start:yyyy-MM-dd HH:mm} to {scenario.End:yyyy-MM-dd HH:mm} UTC: a {scenario.Settings.Capacity.KilowattHours:0} kWh car plugged in at {scenario.PlugInSoc.Value:0} % on a Wallbox Quasar (simulated),"));
        output.WriteLine(FormattableString.Invariant(
            $"and a second, charge-only {scenario.SecondCar.Settings.Capacity.KilowattHours:0} kWh car plugged in at {scenario.SecondCar.PlugIn:HH:mm} UTC with {scenario.SecondCar.PlugInSoc.Value:0} % on a charger HA integrates; a Shelly Pro 3EM meters the grid;"));
        output.WriteLine(FormattableString.Invariant(
            $"NL day-ahead prices of 6-7 Nov 2024 + {DemoScenario.HouseholdTariff.Markup.EurPerKwh:0.0000} EUR/kWh, {DemoScenario.HouseholdTariff.VatRate:0%} VAT; calendars: \"{scenario.Trip.Summary}\" ({scenario.Trip.Description}) at {scenario.Trip.Start:yyyy-MM-dd HH:mm} UTC, \"{scenario.SecondCar.Trip.Summary}\" ({scenario.SecondCar.Trip.Description}) at {scenario.SecondCar.Trip.Start:yyyy-MM-dd HH:mm} UTC."));
        var house = DemoHouse.Load(DemoWorld.HouseStep);
        output.WriteLine(FormattableString.Invariant(
            $"The house behind the grid meter: {house.Source}; the Quasar car in Automatic with solar on, \"Power the house (V2H)\" {TimeZoneInfo.ConvertTime(scenario.Evening.Start, DemoScenario.Zone):HH:mm}-{TimeZoneInfo.ConvertTime(scenario.Evening.End, DemoScenario.Zone):HH:mm} CET."));
        var bar = new ProgressBar(output, interactive);
        DemoRecording recording;
        try
        {
            recording = await DemoDay.RunAsync(scenario, house, f => bar.Report(f, "simulated day"), LogLevel.Error, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            output.WriteLine($"The demo stopped: {e.Message}");
            return (1, null);
        }
        foreach (var app in recording.Apps) output.WriteLine($"app {app.Id}: {app.State}");
        var data = DemoReport.Build(recording);
        Print(output, recording, data.Rows);
        try
        {
            await ReportPage.WriteAsync(data, report.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"Cannot write the report to {report.FullName}: {e.Message}");
            return (2, recording);
        }
        output.WriteLine($"Report with the day's chart and table: {report.FullName} (open it in a browser)");
        return (recording.Events.All(e => e.Met) ? 0 : 1, recording);
    }

    /// <summary>The targets, and the table's figures: the console and the report say the same.</summary>
    private static void Print(TextWriter output, DemoRecording r, IReadOnlyList<ReportRow> rows)
    {
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        foreach (var e in r.Events)
            output.WriteLine(F($"Target {(e.Met ? "met" : "NOT met")}: \"{e.Summary}\" at {e.Start:yyyy-MM-dd HH:mm} UTC needed {e.Target.Value:0.0} %, the car had {e.SocAtStart?.Value ?? double.NaN:0.0} %"));
        var ours = rows.Single(row => row.Strategy == DemoReport.Ours);
        var naive = rows.Single(row => row.Strategy == DemoReport.Naive);
        var cheapest = rows.Single(row => row.Strategy == DemoReport.CheapestSlots);
        output.WriteLine(F($"Charged {r.Totals.Charged.KilowattHours:0.00} kWh for {ours.CostEur:0.00} EUR, discharged {r.Totals.Discharged.KilowattHours:0.00} kWh for {ours.RevenueEur:0.00} EUR: net cost {ours.NetEur:0.00} EUR"));
        output.WriteLine(F($"Savings against naive charging (full power at plug-in up to max SoC, {naive.NetEur:0.00} EUR): {ours.SavingsVsNaiveEur:0.00} EUR"));
        output.WriteLine(F($"Savings against cheapest-slots charging (the cheapest hours up to the trip's target, {cheapest.NetEur:0.00} EUR): {ours.SavingsVsCheapestSlotsEur:0.00} EUR"));
        var second = r.SecondCarTotals;
        output.WriteLine(F($"Second car ({r.Events[1].Loadpoint}, charge-only, on a charger Home Assistant integrates): charged {second.Charged.KilowattHours:0.00} kWh for {second.ChargingCostEur:0.00} EUR"));
    }
}
