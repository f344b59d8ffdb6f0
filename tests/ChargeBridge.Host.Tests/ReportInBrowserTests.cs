using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChargeBridge.Tests;

namespace ChargeBridge.Host.Tests;

/// <summary>
/// The `simulate` report opened in a real browser: headless Debian chromium renders it to a screenshot and dumps the
/// DOM it built, and both must show the chart and the table.
/// </summary>
public class ReportInBrowserTests
{
    [Fact]
    public async Task Chromium_renders_the_simulate_report_with_its_four_series_the_trips_shaded_and_the_table()
    {
        HeadlessChromium.Executable();
        var dir = Directory.CreateTempSubdirectory("chargebridge-report-");
        try
        {
            // March 2019 of the default user (March 2024 after the move onto the price year) keeps the run short.
            var sessions = Path.Combine(dir.FullName, "sessions.csv");
            var lines = File.ReadLines(RepoPaths.SharedFile("data", "ev_sessions_norway_residential_trondheim.csv")).ToList();
            File.WriteAllLines(sessions, lines.Take(1).Concat(lines.Where(l => l.Split(';') is [_, _, "Bl2-5", _, _, var start, ..] && start[2..10] == ".03.2019")));
            var html = Path.Combine(dir.FullName, "report.html");
            var json = Path.Combine(dir.FullName, "results.json");
            var error = new StringWriter();
            var exit = await new RootCommand { new SimulateVerb().Create() }
                .Parse(["simulate", "--prices", RepoPaths.SharedFile("data", "nl_day_ahead_2024_jeroen_nl.csv"), "--sessions", sessions,
                    "--report", html, "--report-days", "3", "--json", json])
                .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });
            Assert.True(exit == 0, error.ToString());
            Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(await File.ReadAllTextAsync(html), "https?://[^\"' <>)]*").Select(m => m.Value).Distinct());

            await RenderedReport.AssertChartDrawnAsync(html);

            var dom = await HeadlessChromium.RunAsync(html, "--dump-dom");
            Assert.Contains("<svg", dom);
            foreach (var series in new[] { "price", "power", "soc-prognosis", "soc-actual" })
                RenderedReport.AssertSeries(dom, series, 61);
            Assert.True(Regex.Matches(dom, "<g data-event=\"trip, [0-9.]+ kWh\"><title>").Count >= 2, "trips are not shaded");

            using var results = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            foreach (var r in results.RootElement.GetProperty("results").EnumerateArray())
            {
                string Eur(string name) => r.GetProperty(name).GetDouble().ToString("0.00", CultureInfo.InvariantCulture);
                var row = $"<tr><td>{r.GetProperty("strategy").GetString()}</td><td>{Eur("import_cost_eur")}</td><td>{Eur("export_revenue_eur")}</td><td>{Eur("net_cost_eur")}</td>";
                Assert.Contains(row, dom);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
