using System.Globalization;
using System.Net;
using System.Text;

namespace ChargeBridge.Host.Report;

/// <summary>
/// Builds the report as one self-contained HTML page: inline CSS, the inline SVG chart and the strategy table, no
/// scripts and nothing fetched, so it opens offline. Every text from the data is HTML-escaped.
/// </summary>
internal static class ReportPage
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #1d2430; background: #fff; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; } p { max-width: 1200px; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid #d5dae1; padding: 5px 10px; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        caption { caption-side: bottom; text-align: left; padding-top: 8px; color: #5a6472; }
        svg { display: block; max-width: 100%; height: auto; }
        svg .title { font-size: 13px; font-weight: 600; fill: #1d2430; }
        svg .tick { font-size: 11px; fill: #5a6472; }
        svg .day { font-weight: 600; fill: #1d2430; }
        svg .frame { fill: none; stroke: #9aa3ae; }
        svg .grid { stroke: #e3e7ec; }
        svg .zero { stroke: #9aa3ae; stroke-dasharray: 2 3; }
        svg .event { fill: #f3e8c8; fill-opacity: 0.6; }
        svg .event-label { font-size: 11px; fill: #7a5b12; }
        svg .highlight { fill: #dcfce7; fill-opacity: 0.7; }
        svg .highlight-label { font-size: 11px; font-weight: 600; fill: #166534; }
        svg .series { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
        svg [data-series="soc-actual"] { stroke-width: 4; }
        """;

    public static async Task WriteAsync(ReportData data, string path, CancellationToken ct) =>
        await File.WriteAllTextAsync(path, Html(data), new UTF8Encoding(false), ct);

    public static string Html(ReportData data)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Text(data.Title))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n<h1>").Append(Text(data.Title)).Append("</h1>\n");
        if (data.Summary.Length > 0) page.Append("<p>").Append(Text(data.Summary)).Append("</p>\n");
        var local = (DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, data.Zone).ToString("ddd dd MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        page.Append("<h2>").Append(Text($"{local(data.From)} – {local(data.Until)} ({data.Zone.Id})")).Append("</h2>\n")
            .Append(ReportChart.Svg(data)).Append('\n');
        string Clock(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, data.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        if (data.Highlights.Count > 0)
        {
            page.Append("<h2>Home power</h2>\n");
            foreach (var h in data.Highlights)
                page.Append("<p data-highlight=\"").Append(Text(h.Title)).Append("\"><strong>").Append(Text(h.Title))
                    .Append(Text($" ({Clock(h.Start)}–{Clock(h.End)}):")).Append("</strong> ").Append(Text(h.Text)).Append("</p>\n");
        }
        if (data.Rows.Count > 0) page.Append("<h2>Strategies</h2>\n").Append(Table(data.Rows)).Append('\n');
        return page.Append("</body></html>\n").ToString();
    }

    private static string Table(IReadOnlyList<ReportRow> rows)
    {
        var table = new StringBuilder("<table data-table=\"strategies\"><thead><tr><th>strategy</th><th>cost EUR</th><th>revenue EUR</th><th>net EUR</th>"
            + "<th>savings vs naive EUR</th><th>savings vs cheapest slots EUR</th><th>targets met</th></tr></thead><tbody>\n");
        foreach (var r in rows)
        {
            table.Append("<tr><td>").Append(Text(r.Strategy)).Append("</td>");
            foreach (var value in new[] { r.CostEur, r.RevenueEur, r.NetEur, r.SavingsVsNaiveEur, r.SavingsVsCheapestSlotsEur })
                table.Append("<td>").Append(value is { } v ? Eur(v) : "–").Append("</td>");
            table.Append(CultureInfo.InvariantCulture, $"<td>{r.TargetsMet}/{r.Targets}</td></tr>\n");
        }
        return table.Append("</tbody><caption>cost: energy drawn × buy price; revenue: energy fed back × sell price; net = cost − revenue; ")
            .Append("savings: what this strategy saves against the baseline (positive = cheaper); targets met: departures with the wanted SoC.</caption></table>").ToString();
    }

    private static string Eur(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
