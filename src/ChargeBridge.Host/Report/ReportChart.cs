using System.Globalization;
using System.Net;
using System.Text;

namespace ChargeBridge.Host.Report;

/// <summary>
/// Draws the report's chart as one inline SVG: three panels over one local-time axis (net price, schedule power,
/// SoC prognosis and actual SoC), with a site's power flows a fourth (grid, house, PV, the car) with the highlights
/// marked on it, calendar events shaded across all of them, and a legend. Each series is one path tagged with
/// data-series; a gap in the samples starts a new sub-path, so no line is drawn across it.
/// </summary>
internal sealed class ReportChart
{
    private const double Width = 1200, Left = 72, Right = 24, EventBand = 20, PanelGap = 34, AxisHeight = 46;
    private const double PlotWidth = Width - Left - Right;
    private static readonly int[] TickHours = [1, 2, 3, 6, 12, 24];

    private static readonly (string Series, string Label, string Colour, bool Dashed)[] Series =
    [
        ("price", "net price EUR/kWh", "#c2410c", false),
        ("power", "schedule power kW (+ charge, − discharge)", "#1d4ed8", false),
        ("soc-prognosis", "SoC prognosis %", "#7c3aed", true),
        ("soc-actual", "actual SoC %", "#15803d", false),
        ("power-2", "second car schedule kW", "#0891b2", false),
        ("soc-2", "second car SoC %", "#a16207", false),
        ("grid", "grid kW (+ import)", "#475569", false),
        ("house", "house kW", "#be123c", false),
        ("pv", "PV kW", "#ca8a04", false),
        ("car", "car kW (+ charge, − discharge)", "#9333ea", false),
    ];

    private const int SecondCarSeries = 4, SiteSeries = 6;

    /// <summary>One legend row's height; the legend wraps to as many rows as its keys need.</summary>
    private const double LegendRow = 22;

    private readonly ReportData _data;
    private readonly IReadOnlyList<ReportSample> _samples;
    private readonly StringBuilder _svg = new();

    private ReportChart(ReportData data)
    {
        if (data.Until <= data.From) throw new ArgumentException($"the report's window must end after it starts ({data.From:O} to {data.Until:O})", nameof(data));
        if (data.Step <= TimeSpan.Zero) throw new ArgumentException($"the report's step must be positive, not {data.Step}", nameof(data));
        _data = data;
        _samples = [.. data.Samples.Where(s => s.At >= data.From && s.At < data.Until).OrderBy(s => s.At)];
        var secondCar = _samples.Any(s => s.SecondPower is not null || s.SecondSoc is not null);
        _site = _samples.Any(s => s.Grid is not null || s.House is not null || s.Pv is not null || s.CarPower is not null);
        _shown = [.. Series.Take(SecondCarSeries), .. secondCar ? Series[SecondCarSeries..SiteSeries] : [], .. _site ? Series[SiteSeries..] : []];
    }

    /// <summary>Whether the data has a site's power flows (a fourth panel).</summary>
    private readonly bool _site;

    /// <summary>The series drawn: a second car's only when the data has one.</summary>
    private readonly (string Series, string Label, string Colour, bool Dashed)[] _shown;

    public static string Svg(ReportData data) => new ReportChart(data).Draw();

    private string Draw()
    {
        Panel[] panels =
        [
            new Panel("net price EUR/kWh", 150, Range(_samples.Select(s => s.NetPrice?.EurPerKwh), includeZero: false)),
            new Panel("schedule power kW (+ charge, − discharge)", 150,
                Range(_samples.SelectMany(s => new[] { s.SchedulePower?.Kilowatts, s.SecondPower?.Kilowatts }), includeZero: true)),
            new Panel("SoC %", 190, (0, 100)),
            .. _site
                ? new[] { new Panel("site power kW (grid + import, − export; car + charge, − discharge)", 190,
                    Range(_samples.SelectMany(s => new[] { s.Grid?.Kilowatts, s.House?.Kilowatts, s.Pv?.Kilowatts, s.CarPower?.Kilowatts }), includeZero: true)) }
                : [],
        ];
        var top = LegendRows().Count * LegendRow + 6 + EventBand * _data.Events.Count + PanelGap;
        foreach (var panel in panels)
        {
            panel.Top = top;
            top += panel.Height + PanelGap;
        }
        var height = top - PanelGap + AxisHeight;
        Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Text(_data.Title)}\">");
        Legend();
        Events(panels[0].Top - PanelGap - EventBand * (_data.Events.Count - 1), panels[^1].Top + panels[^1].Height);
        foreach (var panel in panels) Frame(panel);
        if (_site) Highlights(panels[3]);
        TimeAxis(panels);
        Steps(panels[0], Series[0], _samples.Select(s => (s.At, s.NetPrice?.EurPerKwh)));
        Steps(panels[1], Series[1], _samples.Select(s => (s.At, s.SchedulePower?.Kilowatts)));
        // The dashed prognosis goes over the actual SoC, so both show where they agree.
        Lines(panels[2], Series[3], _samples.Select(s => (s.At, s.ActualSoc?.Value)));
        Lines(panels[2], Series[2], _samples.Select(s => (s.At, s.SocPrognosis?.Value)));
        Steps(panels[1], Series[4], _samples.Select(s => (s.At, s.SecondPower?.Kilowatts)));
        Lines(panels[2], Series[5], _samples.Select(s => (s.At, s.SecondSoc?.Value)));
        if (_site)
        {
            Lines(panels[3], Series[6], _samples.Select(s => (s.At, s.Grid?.Kilowatts)));
            Lines(panels[3], Series[7], _samples.Select(s => (s.At, s.House?.Kilowatts)));
            Lines(panels[3], Series[8], _samples.Select(s => (s.At, s.Pv?.Kilowatts)));
            Lines(panels[3], Series[9], _samples.Select(s => (s.At, s.CarPower?.Kilowatts)));
        }
        _svg.Append("</svg>");
        return _svg.ToString();
    }

    private void Legend()
    {
        var rows = LegendRows();
        for (var row = 0; row < rows.Count; row++)
        {
            var y = 14 + row * LegendRow;
            foreach (var (key, x) in rows[row])
            {
                if (key is not var (series, label, colour, dashed))
                {
                    Append($"<rect class=\"event\" x=\"{x}\" y=\"{y - 8}\" width=\"24\" height=\"16\"/><text class=\"tick\" data-legend=\"event\" x=\"{x + 30}\" y=\"{y + 4}\">{EventKey}</text>");
                    continue;
                }
                Append($"<line class=\"key\" x1=\"{x}\" y1=\"{y}\" x2=\"{x + 24}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"3\"{(dashed ? " stroke-dasharray=\"5 4\"" : "")}/>");
                Append($"<text class=\"tick\" data-legend=\"{series}\" x=\"{x + 30}\" y=\"{y + 4}\">{Text(label)}</text>");
            }
        }
    }

    private const string EventKey = "calendar event (car away)";

    /// <summary>The legend's keys (each series shown, then the event key as null) with their x, wrapped into rows.</summary>
    private List<List<((string Series, string Label, string Colour, bool Dashed)? Key, double X)>> LegendRows()
    {
        var rows = new List<List<((string, string, string, bool)?, double)>> { new() };
        var x = Left;
        foreach (var (key, label) in _shown.Select(s => (((string, string, string, bool)?)s, s.Label)).Append((null, EventKey)))
        {
            var width = 44 + label.Length * 6.2;
            if (x + width > Width - Right && rows[^1].Count > 0)
            {
                rows.Add([]);
                x = Left;
            }
            rows[^1].Add((key, x));
            x += width;
        }
        return rows;
    }

    private void Frame(Panel panel)
    {
        Append($"<text class=\"title\" x=\"{Left}\" y=\"{panel.Top - 8}\">{Text(panel.Title)}</text>");
        foreach (var value in panel.Ticks())
        {
            var y = panel.Y(value);
            Append($"<line class=\"{(value == 0 ? "zero" : "grid")}\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            Append($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Number(value)}</text>");
        }
        Append($"<rect class=\"frame\" x=\"{Left}\" y=\"{panel.Top}\" width=\"{PlotWidth}\" height=\"{panel.Height}\"/>");
    }

    /// <summary>Each event shaded from the label band to the bottom panel, its title as a label and tooltip (escaped: titles come from users).</summary>
    private void Events(double top, double bottom)
    {
        var labelTop = top;
        foreach (var e in _data.Events.Where(e => e.End > _data.From && e.Start < _data.Until))
        {
            var x0 = X(e.Start);
            var width = X(e.End) - x0;
            if (width <= 0) continue;
            var title = Text(e.Title);
            Append($"<g data-event=\"{title}\"><title>{title}</title><rect class=\"event\" x=\"{x0:0.#}\" y=\"{top:0.#}\" width=\"{width:0.#}\" height=\"{bottom - top:0.#}\"/>");
            var fits = (int)(width / 6.5);
            if (fits >= 3)
                Append($"<text class=\"event-label\" x=\"{x0 + 3:0.#}\" y=\"{labelTop + 14:0.#}\">{Text(e.Title.Length <= fits ? e.Title : e.Title[..(fits - 1)] + "…")}</text>");
            _svg.Append("</g>");
            // Events may overlap (two cars away at once): each label gets its own line of the band.
            labelTop += EventBand;
        }
    }

    /// <summary>Each highlight shaded on the site's panel with its title inside the panel's top.</summary>
    private void Highlights(Panel panel)
    {
        foreach (var h in _data.Highlights.Where(h => h.End > _data.From && h.Start < _data.Until))
        {
            var x0 = X(h.Start);
            var width = X(h.End) - x0;
            if (width <= 0) continue;
            var title = Text(h.Title);
            Append($"<g data-highlight=\"{title}\"><title>{title}</title><rect class=\"highlight\" x=\"{x0:0.#}\" y=\"{panel.Top}\" width=\"{width:0.#}\" height=\"{panel.Height}\"/>");
            Append($"<text class=\"highlight-label\" x=\"{x0 + 3:0.#}\" y=\"{panel.Top + 14}\">{title}</text></g>");
        }
    }

    /// <summary>
    /// Ticks at whole local hours every 1 to 12 hours or at local midnights every n days, whichever gives at most 14;
    /// grid lines through every panel, labels under the last.
    /// </summary>
    private void TimeAxis(Panel[] panels)
    {
        var hours = (_data.Until - _data.From).TotalHours;
        var stepHours = TickHours.Where(h => hours / h <= 14).DefaultIfEmpty(24 * (int)Math.Ceiling(hours / 24 / 14)).First();
        var firstDay = TimeZoneInfo.ConvertTime(_data.From, _data.Zone).Date;
        var bottom = panels[^1].Top + panels[^1].Height;
        var hour = new DateTimeOffset(_data.From.UtcTicks - _data.From.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        for (; hour < _data.Until; hour = hour.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTime(hour, _data.Zone);
            var tick = stepHours <= 24 ? local.Hour % stepHours == 0 : local.Hour == 0 && (local.Date - firstDay).Days % (stepHours / 24) == 0;
            if (hour < _data.From || local.Minute != 0 || !tick) continue;
            var x = X(hour);
            foreach (var panel in panels)
                Append($"<line class=\"grid\" x1=\"{x:0.#}\" y1=\"{panel.Top}\" x2=\"{x:0.#}\" y2=\"{panel.Top + panel.Height}\"/>");
            var label = local.Hour == 0 ? local.ToString("ddd dd MMM", CultureInfo.InvariantCulture) : local.ToString("HH:mm", CultureInfo.InvariantCulture);
            var anchor = x > Width - Right - 40 ? "end" : "middle";
            Append($"<text class=\"tick{(local.Hour == 0 ? " day" : "")}\" x=\"{x:0.#}\" y=\"{bottom + 16}\" text-anchor=\"{anchor}\">{label}</text>");
        }
        Append($"<text class=\"tick\" x=\"{Left + PlotWidth / 2}\" y=\"{bottom + 38}\" text-anchor=\"middle\">local time ({Text(_data.Zone.Id)})</text>");
    }

    /// <summary>A step line: each value held for one step; equal neighbours merge into one segment.</summary>
    private void Steps(Panel panel, (string Series, string Label, string Colour, bool Dashed) series, IEnumerable<(DateTimeOffset At, double? Value)> values)
    {
        var d = new StringBuilder();
        (DateTimeOffset End, double Value)? open = null;
        void Close()
        {
            if (open is { } o) d.Append(Invariant($"L{X(o.End):0.#},{panel.Y(o.Value):0.#}"));
        }
        foreach (var (at, value) in values)
        {
            if (value is not { } v) continue;
            var end = Min(at + _data.Step, _data.Until);
            if (open is { } o && o.End >= at && o.Value == v)
            {
                open = (end, v);
                continue;
            }
            Close();
            d.Append(Invariant($"{(open is { } p && p.End >= at ? "L" : "M")}{X(at):0.#},{panel.Y(v):0.#}"));
            open = (end, v);
        }
        Close();
        Path(series, d);
    }

    /// <summary>Straight lines between neighbouring samples; a missing or null sample breaks the line.</summary>
    private void Lines(Panel panel, (string Series, string Label, string Colour, bool Dashed) series, IEnumerable<(DateTimeOffset At, double? Value)> values)
    {
        var d = new StringBuilder();
        DateTimeOffset? last = null;
        foreach (var (at, value) in values)
        {
            if (value is not { } v)
            {
                last = null;
                continue;
            }
            d.Append(Invariant($"{(last is { } l && at - l <= _data.Step ? "L" : "M")}{X(at):0.#},{panel.Y(v):0.#}"));
            last = at;
        }
        Path(series, d);
    }

    private void Path((string Series, string Label, string Colour, bool Dashed) series, StringBuilder d)
    {
        if (d.Length == 0) return;
        Append($"<path data-series=\"{series.Series}\" class=\"series\" stroke=\"{series.Colour}\"{(series.Dashed ? " stroke-dasharray=\"5 4\"" : "")} d=\"");
        _svg.Append(d).Append("\"/>");
    }

    private double X(DateTimeOffset t) => Left + Math.Clamp((t - _data.From) / (_data.Until - _data.From), 0, 1) * PlotWidth;

    /// <summary>The values' range widened to whole ticks; (0, 1) without values.</summary>
    private static (double Min, double Max) Range(IEnumerable<double?> values, bool includeZero)
    {
        var known = values.OfType<double>().Where(double.IsFinite).ToList();
        if (includeZero) known.Add(0);
        if (known.Count == 0) return (0, 1);
        var (min, max) = (known.Min(), known.Max());
        if (max - min < 1e-9) (min, max) = (min - 1, max + 1);
        var step = TickStep(min, max);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
    }

    /// <summary>1, 2 or 5 times a power of ten, giving four to ten ticks.</summary>
    private static double TickStep(double min, double max)
    {
        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Number(double value) => Math.Round(value, 6).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Text(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private void Append(FormattableString s) => _svg.Append(Invariant(s));

    /// <summary>One panel: its place on the page and the value range it maps to its height.</summary>
    private sealed class Panel(string title, double height, (double Min, double Max) range)
    {
        public string Title => title;
        public double Height => height;
        public double Top { get; set; }

        public double Y(double value) => Top + Height - (value - range.Min) / (range.Max - range.Min) * Height;

        public IEnumerable<double> Ticks()
        {
            var step = TickStep(range.Min, range.Max);
            for (var value = range.Min; value <= range.Max + step / 1e6; value += step)
                yield return Math.Round(value / step) * step;
        }
    }
}
