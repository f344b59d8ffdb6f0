using System.Globalization;
using System.Text.RegularExpressions;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Host.Report;

namespace ChargeBridge.Host.Tests;

/// <summary>The demo's day as a report: the mapping of the recording, and the report the verb wrote opened in headless chromium.</summary>
[Collection(DemoDayCollection.Name)]
public class DemoReportTests(DemoRun run)
{
    [Fact]
    public void The_series_are_the_recordings_steps_the_trip_is_an_event_and_the_car_away_is_a_gap()
    {
        var recording = run.Recording;
        var data = DemoReport.Build(recording);

        Assert.Equal((recording.Start, recording.End, TimeSpan.FromMinutes(5)), (data.From, data.Until, data.Step));
        Assert.Equal(288, data.Samples.Count);
        Assert.All(data.Samples.Zip(recording.Steps), p =>
        {
            var (sample, step) = p;
            Assert.Equal((step.At, step.Price, step.PlannedPower, step.SocPrognosis), (sample.At, sample.NetPrice!.Value, sample.SchedulePower, sample.SocPrognosis));
            Assert.Equal(step.CarConnected ? step.ActualSoc : null, sample.ActualSoc);
        });
        Assert.True(data.Samples.Count(s => s.ActualSoc is not null) > 250);
        Assert.True(data.Samples.Count(s => s.SchedulePower is not null) > 250);
        Assert.True(data.Samples.Count(s => s.SocPrognosis is not null) > 250);

        var (trip, commute) = (recording.Events[0], recording.Events[1]);
        Assert.Equal([new ReportEvent(trip.Start, trip.End, "Visit to Groningen"), new ReportEvent(commute.Start, commute.End, "Commute to Utrecht")], data.Events);
        Assert.All(data.Samples.Where(s => s.At >= trip.Start), s => Assert.Null(s.ActualSoc));
        // The second car: its schedule and, while plugged in, its SoC.
        Assert.All(data.Samples.Zip(recording.Steps), p =>
            Assert.Equal((p.Second.SecondCar.PlannedPower, p.Second.SecondCar.Connected ? p.Second.SecondCar.Soc : null), (p.First.SecondPower, p.First.SecondSoc)));
        Assert.True(data.Samples.Count(s => s.SecondSoc is not null) > 100);
    }

    [Fact]
    public void The_table_rows_add_up_and_the_baselines_are_cores_planners_on_the_same_prices_car_and_target()
    {
        var recording = run.Recording;
        var rows = DemoReport.Build(recording).Rows;
        Assert.Equal([DemoReport.Ours, DemoReport.Naive, DemoReport.CheapestSlots], rows.Select(r => r.Strategy));
        var (ours, naive, cheapest) = (rows[0], rows[1], rows[2]);
        Assert.All(rows, r =>
        {
            Assert.Equal(r.CostEur - r.RevenueEur, r.NetEur, 9);
            Assert.Equal(naive.NetEur - r.NetEur, r.SavingsVsNaiveEur!.Value, 9);
            Assert.Equal(cheapest.NetEur - r.NetEur, r.SavingsVsCheapestSlotsEur!.Value, 9);
            Assert.Equal(1, r.Targets);
        });

        // Ours is what the day metered.
        Assert.Equal((recording.Totals.ChargingCostEur, recording.Totals.DischargeRevenueEur, recording.Totals.NetCostEur), (ours.CostEur, ours.RevenueEur, ours.NetEur));
        Assert.Equal(recording.Events[0].Met ? 1 : 0, ours.TargetsMet);

        // The baselines cost what Core says they cost, for the same plugged-in stretch and the trip's target.
        var session = recording.Session;
        Assert.Equal([new SocTarget(recording.Events[0].Start, recording.Events[0].Target)], session.Targets);
        Assert.Equal(recording.Events[0].Start, session.Start + session.Horizon);
        var naivePlan = new NaivePlanner().Plan(session);
        Assert.Equal(naivePlan.ExpectedCostEur, naive.NetEur, 9);
        Assert.Equal(NaiveComparison.Compare(session, recording.Totals, recording.Events[0].SocAtStart!.Value).NaiveCostEur, naive.NetEur, 9);
        Assert.Equal(new CheapestSlotsPlanner().Plan(session).ExpectedCostEur, cheapest.NetEur, 9);
        // Both are charge-only and meet the target; charging at once costs more than in the cheapest hours.
        Assert.Equal((0.0, 0.0), (naive.RevenueEur, cheapest.RevenueEur));
        Assert.Equal((1, 1), (naive.TargetsMet, cheapest.TargetsMet));
        Assert.True(naive.NetEur > cheapest.NetEur, $"naive {naive.NetEur} EUR, cheapest slots {cheapest.NetEur} EUR");
        Assert.True(ours.SavingsVsCheapestSlotsEur > 0, $"ours {ours.NetEur} EUR, cheapest slots {cheapest.NetEur} EUR");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"naive {naivePlan.Slots[^1].SocAtEnd.Value:0.0} %"), DemoReport.Build(recording).Summary);
    }

    [Fact]
    public async Task Chromium_renders_the_demo_report_with_both_cars_series_their_trips_shaded_and_the_recordings_figures()
    {
        HeadlessChromium.Executable();
        var recording = run.Recording;
        Assert.True(File.Exists(run.Report), run.Output);
        Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(await File.ReadAllTextAsync(run.Report), "https?://[^\"' <>)]*").Select(m => m.Value).Distinct());

        await RenderedReport.AssertChartDrawnAsync(run.Report);

        var dom = await HeadlessChromium.RunAsync(run.Report, "--dump-dom");
        foreach (var (series, least) in new[] { ("price", 40), ("power", 30), ("soc-prognosis", 250), ("soc-actual", 250), ("power-2", 10), ("soc-2", 100),
                     ("grid", 250), ("house", 280), ("pv", 280), ("car", 280) })
            RenderedReport.AssertSeries(dom, series, least);
        foreach (var trip in recording.Events)
            Assert.Contains($"<g data-event=\"{trip.Summary}\"><title>{trip.Summary}</title><rect class=\"event\"", dom);
        // The evening's V2H and noon's solar charging: marked on the site's panel and summed up under the chart.
        foreach (var h in DemoReport.Build(recording).Highlights)
        {
            Assert.Contains($"<g data-highlight=\"{h.Title}\"><title>{h.Title}</title><rect class=\"highlight\"", dom);
            Assert.Contains($"<p data-highlight=\"{h.Title}\"><strong>{h.Title}", dom);
            Assert.Contains(h.Text, dom);
        }

        string Eur(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var totals = recording.Totals;
        Assert.Contains($"<tr><td>{DemoReport.Ours}</td><td>{Eur(totals.ChargingCostEur)}</td><td>{Eur(totals.DischargeRevenueEur)}</td><td>{Eur(totals.NetCostEur)}</td>", dom);
        foreach (var r in DemoReport.Build(recording).Rows)
            Assert.Contains($"<tr><td>{r.Strategy}</td><td>{Eur(r.CostEur)}</td><td>{Eur(r.RevenueEur)}</td><td>{Eur(r.NetEur)}</td>"
                + $"<td>{Eur(r.SavingsVsNaiveEur!.Value)}</td><td>{Eur(r.SavingsVsCheapestSlotsEur!.Value)}</td><td>{r.TargetsMet}/{r.Targets}</td></tr>", dom);
    }
}
