using System.CommandLine;
using System.Globalization;
using ChargeBridge.Host.Demo;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Verbs;

/// <summary>`demo`: with nothing configured, runs every app against the in-process HA fake and the Quasar simulator on
/// loopback through a simulated day on real prices, and prints what the V2G app did and what it saved.</summary>
internal sealed class DemoVerb : IVerb
{
    public Command Create()
    {
        var command = new Command("demo", "Run the apps through a simulated day against a built-in Home Assistant fake and charger simulator; needs nothing configured");
        command.SetAction((_, ct) => RunAsync(Console.Out, !Console.IsOutputRedirected, ct));
        return command;
    }

    /// <summary>Runs the demo, writing to <paramref name="output"/>; 0 when every app ran and every trip's target was met.</summary>
    internal static async Task<int> RunAsync(TextWriter output, bool interactive, CancellationToken ct)
    {
        var scenario = new DemoScenario();
        output.WriteLine(FormattableString.Invariant(
            $"Simulating {scenario.Start:yyyy-MM-dd HH:mm} to {scenario.End:yyyy-MM-dd HH:mm} UTC: a {scenario.Settings.Capacity.KilowattHours:0} kWh car plugged in at {scenario.PlugInSoc.Value:0} % on a Wallbox Quasar (simulated),"));
        output.WriteLine(FormattableString.Invariant(
            $"NL day-ahead prices of 6-7 Nov 2024 + {DemoScenario.HouseholdTariff.Markup.EurPerKwh:0.0000} EUR/kWh, {DemoScenario.HouseholdTariff.VatRate:0%} VAT; calendar: \"{scenario.Trip.Summary}\" ({scenario.Trip.Description}) at {scenario.Trip.Start:yyyy-MM-dd HH:mm} UTC."));
        var bar = new ProgressBar(output, interactive);
        DemoRecording recording;
        try
        {
            recording = await DemoDay.RunAsync(scenario, f => bar.Report(f, "simulated day"), LogLevel.Error, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            output.WriteLine($"The demo stopped: {e.Message}");
            return 1;
        }
        foreach (var app in recording.Apps) output.WriteLine($"app {app.Id}: {app.State}");
        Print(output, recording);
        return recording.Events.All(e => e.Met) ? 0 : 1;
    }

    private static void Print(TextWriter output, DemoRecording r)
    {
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        foreach (var e in r.Events)
            output.WriteLine(F($"Target {(e.Met ? "met" : "NOT met")}: \"{e.Summary}\" at {e.Start:yyyy-MM-dd HH:mm} UTC needed {e.Target.Value:0.0} %, the car had {e.SocAtStart?.Value ?? double.NaN:0.0} %"));
        output.WriteLine(F($"Charged {r.Totals.Charged.KilowattHours:0.00} kWh for {r.Totals.ChargingCostEur:0.00} EUR, discharged {r.Totals.Discharged.KilowattHours:0.00} kWh for {r.Totals.DischargeRevenueEur:0.00} EUR: net cost {r.Totals.NetCostEur:0.00} EUR"));
        output.WriteLine(F($"Savings against naive charging (full power at plug-in up to max SoC, {r.Savings.NaiveCostEur:0.00} EUR): {r.Savings.SavingsEur:0.00} EUR"));
    }
}
