using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Report;

namespace ChargeBridge.Host.Tests;

public class ReportPageTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTimeOffset Midnight = new(2024, 1, 10, 0, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A day in 5-minute samples: price all day, the car plugged in from 18:00 with power and both SoCs.</summary>
    private static ReportData Day(Func<DateTimeOffset, bool>? keep = null)
    {
        var samples = Enumerable.Range(0, 288).Select(i => Midnight.AddMinutes(5 * i)).Where(t => keep?.Invoke(t) ?? true).Select(t =>
        {
            var plugged = t.Hour >= 18;
            return new ReportSample(t, new EnergyPrice(0.20 + t.Hour / 100.0), plugged ? Power.FromWatts(t.Hour % 2 == 0 ? 7400 : -3000) : null,
                plugged ? new Percent(40 + (t.Hour - 18) * 5) : null, plugged ? new Percent(41 + (t.Hour - 18) * 5) : null);
        });
        return new ReportData
        {
            Title = "day",
            Zone = Amsterdam,
            From = Midnight,
            Until = Midnight.AddDays(1),
            Samples = [.. samples],
            Events = [new ReportEvent(Midnight.AddHours(8), Midnight.AddHours(18), "office")],
            Rows = [new ReportRow("ours", 12.346, 2.5, 9.846, 3.2, null, 9, 10)],
        };
    }

    private static XElement ChartOf(string html)
    {
        var svg = html[html.IndexOf("<svg", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)];
        return XElement.Parse(svg);
    }

    private static string PathOf(XElement chart, string series) =>
        chart.Descendants(Svg + "path").SingleOrDefault(p => (string?)p.Attribute("data-series") == series)?.Attribute("d")?.Value
        ?? throw new Xunit.Sdk.XunitException($"no {series} path");

    private static int Count(string d, char command) => d.Count(c => c == command);

    [Fact]
    public void Draws_the_four_series_in_one_svg_with_legend_events_and_table()
    {
        var html = ReportPage.Html(Day());
        var chart = ChartOf(html);

        var price = PathOf(chart, "price");
        Assert.Equal(1, Count(price, 'M'));
        Assert.True(Count(price, 'L') >= 2 * 24 - 1, "a step per hour's price");
        Assert.Equal(1, Count(PathOf(chart, "power"), 'M'));
        Assert.Equal(6 * 12 - 1, Count(PathOf(chart, "soc-actual"), 'L'));
        Assert.Equal(6 * 12 - 1, Count(PathOf(chart, "soc-prognosis"), 'L'));
        foreach (var series in new[] { "price", "power", "soc-prognosis", "soc-actual", "event" })
            Assert.Single(chart.Descendants(Svg + "text"), t => (string?)t.Attribute("data-legend") == series);
        var office = Assert.Single(chart.Descendants(Svg + "g"), g => (string?)g.Attribute("data-event") == "office");
        Assert.Equal("office", office.Element(Svg + "title")?.Value);
        Assert.Contains("<tr><td>ours</td><td>12.35</td><td>2.50</td><td>9.85</td><td>3.20</td><td>–</td><td>9/10</td></tr>", html);
        Assert.Contains("EUR/kWh", html);
        Assert.Contains("SoC %", html);
    }

    [Fact]
    public void A_site_s_power_flows_get_a_fourth_panel_with_the_highlights_marked_and_summed_up_under_the_chart()
    {
        Assert.DoesNotContain(ChartOf(ReportPage.Html(Day())).Descendants(Svg + "text"), t => (string?)t.Attribute("data-legend") == "grid");

        var data = Day() with
        {
            Samples = [.. Day().Samples.Select(s => s with
            {
                House = Power.FromWatts(1200), Pv = Power.FromWatts(s.At.Hour is >= 10 and < 16 ? 4000 : 0),
                Grid = Power.FromWatts(s.At.Hour >= 18 ? 0 : 1200), CarPower = Power.FromWatts(s.At.Hour >= 18 ? -1200 : 0),
            })],
            Highlights = [new ReportHighlight(Midnight.AddHours(18), Midnight.AddHours(23), "V2H <evening>", "the car powered the house with 6.0 kWh")],
        };
        var html = ReportPage.Html(data);
        var chart = ChartOf(html);

        foreach (var series in new[] { "grid", "house", "pv", "car" })
        {
            Assert.Equal(288 - 1, Count(PathOf(chart, series), 'L'));
            Assert.Single(chart.Descendants(Svg + "text"), t => (string?)t.Attribute("data-legend") == series);
        }
        Assert.Contains("site power kW", html);
        var mark = Assert.Single(chart.Descendants(Svg + "g"), g => (string?)g.Attribute("data-highlight") == "V2H <evening>");
        Assert.Equal("V2H <evening>", mark.Element(Svg + "title")?.Value);
        // 18:00–23:00 of a day 1128 px wide from x = 72.
        var rect = mark.Element(Svg + "rect")!;
        double Attribute(string name) => double.Parse(rect.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(72 + 1104 * 18 / 24.0, Attribute("x"), 0);
        Assert.Equal(1104 * 5 / 24.0, Attribute("width"), 0);
        Assert.Contains("<h2>Home power</h2>\n<p data-highlight=\"V2H &lt;evening&gt;\"><strong>V2H &lt;evening&gt; (18:00–23:00):</strong> the car powered the house with 6.0 kWh</p>", html);
    }

    [Fact]
    public void Escapes_every_text_that_comes_from_data()
    {
        var data = Day() with
        {
            Title = "<b>home</b>",
            Summary = "a & b",
            Events = [new ReportEvent(Midnight.AddHours(8), Midnight.AddHours(18), "<script>alert(\"x\")</script> Bob's \"trip\"")],
            Rows = [new ReportRow("<img src=x onerror=alert(1)>", 1, 0, 1, null, null, 1, 1)],
        };
        var html = ReportPage.Html(data);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>home", html);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Bob&#39;s &quot;trip&quot;", html);
        Assert.Contains("a &amp; b", html);
        var chart = ChartOf(html);
        Assert.Equal("<script>alert(\"x\")</script> Bob's \"trip\"", chart.Descendants(Svg + "title").Single().Value);
    }

    [Fact]
    public void References_nothing_outside_the_file()
    {
        var html = ReportPage.Html(Day());

        Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(html, "https?://[^\"' <>)]*").Select(m => m.Value).Distinct());
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void A_gap_in_the_samples_breaks_each_line_instead_of_bridging_it()
    {
        // No samples from 20:00 to 21:00, and null prices from 03:00 to 04:00.
        var data = Day(t => t.Hour != 20);
        data = data with { Samples = [.. data.Samples.Select(s => s.At.Hour == 3 ? s with { NetPrice = null } : s)] };
        var chart = ChartOf(ReportPage.Html(data));

        Assert.Equal(3, Count(PathOf(chart, "price"), 'M'));
        Assert.Equal(2, Count(PathOf(chart, "power"), 'M'));
        Assert.Equal(2, Count(PathOf(chart, "soc-actual"), 'M'));
        Assert.Equal(2, Count(PathOf(chart, "soc-prognosis"), 'M'));
        // The actual SoC's second run starts at 21:00, not joined to 19:55.
        var runs = PathOf(chart, "soc-actual").Split('M', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 * 12 - 1, Count(runs[0], 'L'));
        Assert.Equal(3 * 12 - 1, Count(runs[1], 'L'));
    }

    [Fact]
    public void Empty_or_unknown_data_gives_a_page_without_series_and_no_crash()
    {
        var empty = new ReportData { Title = "nothing", Zone = Amsterdam, From = Midnight, Until = Midnight.AddDays(1) };
        var chart = ChartOf(ReportPage.Html(empty));
        Assert.Empty(chart.Descendants(Svg + "path"));

        var unknown = empty with { Samples = [new ReportSample(Midnight, null, null, null, null), new ReportSample(Midnight.AddMinutes(5), null, null, null, null)] };
        Assert.Empty(ChartOf(ReportPage.Html(unknown)).Descendants(Svg + "path"));

        var flat = empty with { Samples = [new ReportSample(Midnight, new EnergyPrice(0.3), Power.Zero, new Percent(50), new Percent(50))] };
        var flatChart = ChartOf(ReportPage.Html(flat));
        Assert.Equal(4, flatChart.Descendants(Svg + "path").Count());
        Assert.DoesNotContain("NaN", flatChart.ToString());
        Assert.DoesNotContain("Infinity", flatChart.ToString());
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportPage.Html(Day() with { Until = Midnight }));
        Assert.Contains("must end after it starts", error.Message);
    }

    [Fact]
    public void Time_labels_are_local_and_follow_the_spring_clock_change()
    {
        // In January local time is UTC+1: ticks every 2 local hours fall on odd UTC hours.
        var winter = ChartOf(ReportPage.Html(Day()));
        var labels = winter.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Wed 10 Jan", labels);
        Assert.Contains("02:00", labels);
        Assert.DoesNotContain("01:00", labels);
        Assert.Contains("local time (Europe/Amsterdam)", labels);

        // 31 March 2024 has 23 local hours: 02:00 does not exist, 04:00 is three hours after midnight.
        var spring = new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.FromHours(1));
        var html = ReportPage.Html(Day() with { From = spring, Until = spring.AddHours(23), Samples = [], Events = [] });
        var ticks = ChartOf(html).Descendants(Svg + "text").Where(t => Regex.IsMatch(t.Value, @"^\d\d:\d\d$")).ToDictionary(t => t.Value, t => double.Parse(t.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("02:00", ticks.Keys);
        var hourWidth = (ticks["06:00"] - ticks["04:00"]) / 2;
        Assert.Equal(3 * hourWidth, ticks["04:00"] - ChartOf(html).Descendants(Svg + "text").Where(t => t.Value == "Sun 31 Mar").Select(t => double.Parse(t.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture)).Single(), 1);
    }
}
