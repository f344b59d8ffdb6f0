using System.Globalization;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>
/// Reads the household the `simulate` verb bills with the car: either the OPSD household data of Konstanz
/// (opsd_household_DE_KN_residential4_60min.csv: cumulative kWh counters) or any CSV with `start` (ISO 8601 with offset),
/// `house_w` and `pv_w` (mean W from that start to the next row's).
/// <para>Konstanz: per hour PV = ΔPV and house = Δgrid_import − Δgrid_export + ΔPV − ΔEV (the household's own EV
/// sub-meter is left out: the simulated car takes its place); both at least 0 (where OPSD interpolated the counters
/// a few hours come out negative). An hour whose counters are blank is filled with the same hour a week earlier (or
/// later). The series are moved onto the price year by whole weeks, so weekdays stay (UTC hours stay too: around the
/// clock changes the house runs an hour off local time for a few days), and PV is scaled to <c>pvScale</c>.</para>
/// </summary>
public static class SimulateHouseholdCsv
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private const string Konstanz = "DE_KN_residential4_";

    public static Household Read(TextReader reader, string name, int year, double pvScale)
    {
        var header = (reader.ReadLine() ?? throw new FormatException($"{name}: empty file")).TrimStart('\uFEFF');
        var columns = header.Split(',').Select(c => c.Trim()).ToList();
        return columns.Contains(Konstanz + "grid_import")
            ? ReadKonstanz(reader, name, columns, year, pvScale)
            : ReadPlain(reader, name, columns.Select(c => c.ToLowerInvariant()).ToList(), pvScale);
    }

    private static Household ReadKonstanz(TextReader reader, string name, List<string> columns, int year, double pvScale)
    {
        int Col(string c) => columns.IndexOf(c) is var i and >= 0 ? i : throw new FormatException($"{name}: no column {c}");
        int time = Col("utc_timestamp"), import = Col(Konstanz + "grid_import"), export = Col(Konstanz + "grid_export"),
            pv = Col(Konstanz + "pv"), ev = Col(Konstanz + "ev");
        var counters = new SortedDictionary<DateTimeOffset, (double Import, double Export, double Pv, double Ev)>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            var f = line.Split(',');
            if (f.Length < columns.Count || f[import].Length == 0 || f[export].Length == 0 || f[pv].Length == 0) continue;
            var at = DateTimeOffset.Parse(f[time], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            counters[at] = (Number(f[import], name, lineNumber), Number(f[export], name, lineNumber), Number(f[pv], name, lineNumber),
                f[ev].Length == 0 ? double.NaN : Number(f[ev], name, lineNumber));
        }
        if (counters.Count < 2) throw new FormatException($"{name}: no meter readings");

        // The counter at a time closes the hour before it.
        var first = counters.Keys.First() + Hour;
        var hours = (int)((counters.Keys.Last() - first) / Hour) + 1;
        var house = new double?[hours];
        var production = new double?[hours];
        for (var h = 0; h < hours; h++)
        {
            var end = first + Hour * h;
            if (!counters.TryGetValue(end, out var after) || !counters.TryGetValue(end - Hour, out var before)) continue;
            var pvKwh = Math.Max(0, after.Pv - before.Pv);
            var evKwh = double.IsNaN(after.Ev) || double.IsNaN(before.Ev) ? 0 : Math.Max(0, after.Ev - before.Ev);
            production[h] = pvKwh * 1000;
            house[h] = Math.Max(0, after.Import - before.Import - (after.Export - before.Export) + pvKwh - evKwh) * 1000;
        }
        var shift = WholeWeeks(first - Hour, year);
        return new Household(Series(Filled(house), first - Hour + shift, 1), Series(Filled(production), first - Hour + shift, pvScale));
    }

    private static Household ReadPlain(TextReader reader, string name, List<string> columns, double pvScale)
    {
        int Col(string c) => columns.IndexOf(c) is var i and >= 0 ? i : throw new FormatException($"{name}: the header has no '{c}' column");
        int start = Col("start"), houseCol = Col("house_w"), pvCol = Col("pv_w");
        var house = new List<TimePoint<Power>>();
        var pv = new List<TimePoint<Power>>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(',');
            if (f.Length < columns.Count) throw new FormatException($"{name} line {lineNumber}: expected {columns.Count} fields, got {f.Length}");
            if (!DateTimeOffset.TryParse(f[start].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !PlanPriceCsv.HasOffset(f[start]))
                throw new FormatException($"{name} line {lineNumber}: start '{f[start].Trim()}' is not ISO 8601 with an offset");
            house.Add(new(at, Power.FromWatts(Math.Max(0, Number(f[houseCol], name, lineNumber)))));
            pv.Add(new(at, Power.FromWatts(Math.Max(0, Number(f[pvCol], name, lineNumber)) * pvScale)));
        }
        if (house.Count < 2) throw new FormatException($"{name}: fewer than two rows");
        var starts = house.Select(p => p.Start).Order().ToList();
        var step = starts.Zip(starts.Skip(1), (a, b) => b - a).Min();
        if (step <= TimeSpan.Zero) throw new FormatException($"{name}: two rows start at the same time");
        return new Household(new TimeSeries<Power>(house, step), new TimeSeries<Power>(pv, step));
    }

    /// <summary>The shift by whole weeks that brings the data's start nearest to its own date in <paramref name="year"/>
    /// minus one year, so that the data (a year and more) covers the whole of <paramref name="year"/>.</summary>
    private static TimeSpan WholeWeeks(DateTimeOffset dataStart, int year)
    {
        var target = new DateTimeOffset(year - 1, dataStart.Month, dataStart.Day, dataStart.Hour, 0, 0, TimeSpan.Zero);
        return TimeSpan.FromDays(7 * Math.Round((target - dataStart).TotalDays / 7));
    }

    /// <summary>Each missing hour takes the same hour a week earlier, or a week later where that is missing too.</summary>
    private static double[] Filled(double?[] values)
    {
        var week = 7 * 24;
        var filled = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            double? value = values[i];
            for (var k = 1; value is null && (i - k * week >= 0 || i + k * week < values.Length); k++)
                value = (i - k * week >= 0 ? values[i - k * week] : null) ?? (i + k * week < values.Length ? values[i + k * week] : null);
            filled[i] = value ?? 0;
        }
        return filled;
    }

    private static TimeSeries<Power> Series(double[] watts, DateTimeOffset start, double scale) =>
        new(watts.Select((w, i) => new TimePoint<Power>(start + Hour * i, Power.FromWatts(w * scale))), Hour);

    private static double Number(string text, string name, int line) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"{name} line {line}: '{text.Trim()}' is not a number");
}
