using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Core.Forecasting;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.Host;

namespace ChargeBridge.Bench;

/// <summary>
/// How well the house-load and PV forecasters do on real data. For every local day of the data (after a week of
/// warm-up) a forecast is made at local midnight for the planner's horizon (27 h) from the 28 days before it, as
/// the app does from HA's hourly statistics, and compared hour by hour with what happened. A forecast that gives no
/// value counts as 0 W, as the planner takes it. Naive baselines in the same run: yesterday's profile (the last whole
/// day before the forecast, repeated) and the flat mean of the last 7 days. Data: the four Amsterdam heat-pump
/// households (5-minute Wh, Jan–Mar 2020, made hourly) and the Konstanz household (OPSD residential4, cumulative kWh
/// counters: PV = Δpv, house = Δimport − Δexport + Δpv; an hour next to a blank reading, a negative step or a PV
/// step above 12 kWh is masked), each forecast over 2016.
/// </summary>
internal sealed class ForecastErrorBenchmark : IBenchmark
{
    public string Name => "forecast-error";

    private static readonly TimeSpan Horizon = TimeSpan.FromHours(27);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private const int HistoryDays = 28;
    private const int WarmUpDays = 7;

    /// <summary>A forecast of a series: the history before the start (28 days) and the start.</summary>
    private delegate TimeSeries<Power>? Forecaster(TimeSeries<Power> history, DateTimeOffset start);

    private sealed record Errors(string Method, double MaeW, double RmseW, double MaeKwhPerDay, double DailyEnergyMaeKwh, double DailyEnergyRmseKwh,
        double DailyEnergyBiasKwh, int Hours, int Days, double MedianMs);

    public Task RunAsync(string[] args)
    {
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var households = LoadAmsterdam(SimulateYear.DataFile("nl_amsterdam_heatpump_households_5min_2020.csv"));
        var (konstanzHouse, konstanzPv) = LoadKonstanz(SimulateYear.DataFile("opsd_household_DE_KN_residential4_60min.csv"));
        var year2016 = (From: new DateOnly(2016, 1, 1), Until: new DateOnly(2017, 1, 1));

        Console.WriteLine($"Forecast at local midnight for {Horizon.TotalHours:0} h from the {HistoryDays} days before; hourly; a missing forecast value counts as 0 W.");
        Console.WriteLine();
        Console.WriteLine("| series | method | hourly MAE W | hourly RMSE W | MAE kWh/day | daily energy MAE kWh | daily energy RMSE kWh | daily energy bias kWh | MAE ÷ best baseline | hours | days | median ms/forecast |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var house = new HouseLoadForecaster();
        foreach (var (id, series) in households)
            Report($"Amsterdam {id} house", Evaluate(series, amsterdam, null, HouseMethods(house, amsterdam)));
        Report("Konstanz house (2016)", Evaluate(konstanzHouse, berlin, year2016, HouseMethods(house, berlin)));

        var pv = new PvForecaster();
        var perfectDay = DailyEnergies(konstanzPv, berlin);
        List<(string, Forecaster)> pvMethods =
        [
            ("ours: recent 14 days' mean per local hour", (h, s) => pv.Forecast(h, s, Horizon, berlin)),
            ("ours: clear-sky shape × the day's actual energy (a perfect day forecast)", (h, s) =>
                pv.Forecast(h, s, Horizon, berlin, new SolarForecast { DailyEnergy = perfectDay })),
            .. Baselines(),
        ];
        Report("Konstanz PV (2016)", Evaluate(konstanzPv, berlin, year2016, pvMethods));
        return Task.CompletedTask;
    }

    private static List<(string, Forecaster)> HouseMethods(HouseLoadForecaster house, TimeZoneInfo zone) =>
    [
        ("ours: recent 7 days per local hour (robust shape, mean energy)", (h, s) => house.Forecast(h, s, Horizon, zone)),
        ("ours, option: last 4 same weekdays", (h, s) => (house with { SameWeekdays = 4 }).Forecast(h, s, Horizon, zone)),
        .. Baselines(),
    ];

    private static IEnumerable<(string, Forecaster)> Baselines() =>
    [
        ("baseline: yesterday's profile", Yesterday),
        ("baseline: flat mean of 7 days", FlatMean),
    ];

    private static void Report(string series, IReadOnlyList<Errors> errors)
    {
        var best = errors.Where(e => e.Method.StartsWith("baseline", StringComparison.Ordinal)).Min(e => e.MaeW);
        foreach (var e in errors)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {series} | {e.Method} | {e.MaeW:0} | {e.RmseW:0} | {e.MaeKwhPerDay:0.00} | {e.DailyEnergyMaeKwh:0.00} | {e.DailyEnergyRmseKwh:0.00} | {e.DailyEnergyBiasKwh:+0.00;-0.00;0.00} | {e.MaeW / best:0.00} | {e.Hours} | {e.Days} | {e.MedianMs:0.000} |"));
    }

    /// <summary>Every method over every local day in range that has the warm-up behind it.</summary>
    private static List<Errors> Evaluate(TimeSeries<Power> actual, TimeZoneInfo zone, (DateOnly From, DateOnly Until)? range, IReadOnlyList<(string Name, Forecaster Forecast)> methods)
    {
        var first = LocalDay(actual.Points[0].Start, zone).AddDays(WarmUpDays + 1);
        var last = LocalDay(actual.Points[^1].Start, zone);
        if (range is { } r) (first, last) = (first > r.From ? first : r.From, last < r.Until ? last.AddDays(-1) : r.Until.AddDays(-1));
        var results = new List<Errors>();
        foreach (var (name, forecast) in methods)
        {
            double absSum = 0, squareSum = 0, energyAbs = 0, energySquare = 0, energyBias = 0;
            int hours = 0, days = 0;
            var times = new List<double>();
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var start = Midnight(day, zone);
                var history = Slice(actual, start.AddDays(-HistoryDays), start);
                var clock = Stopwatch.StartNew();
                var predicted = forecast(history, start);
                times.Add(clock.Elapsed.TotalMilliseconds);
                var dayEnd = Midnight(day.AddDays(1), zone);
                double dayActual = 0, dayPredicted = 0;
                var dayHours = 0;
                for (var t = start; t < start + Horizon; t += Hour)
                {
                    if (actual.ValueAt(t) is not { } a) continue;
                    var p = predicted?.ValueAt(t)?.Watts ?? 0;
                    absSum += Math.Abs(p - a.Watts);
                    squareSum += (p - a.Watts) * (p - a.Watts);
                    hours++;
                    if (t >= dayEnd) continue;
                    (dayActual, dayPredicted, dayHours) = (dayActual + a.Watts / 1000, dayPredicted + p / 1000, dayHours + 1);
                }
                // Daily energy only over days with every hour known.
                if (dayHours != (int)(dayEnd - start).TotalHours) continue;
                energyAbs += Math.Abs(dayPredicted - dayActual);
                energySquare += (dayPredicted - dayActual) * (dayPredicted - dayActual);
                energyBias += dayPredicted - dayActual;
                days++;
            }
            var mae = absSum / hours;
            results.Add(new Errors(name, mae, Math.Sqrt(squareSum / hours), mae * 24 / 1000, energyAbs / days, Math.Sqrt(energySquare / days), energyBias / days, hours, days, Stats.Median(times)));
        }
        return results;
    }

    /// <summary>The last whole local day before the start, repeated over the horizon.</summary>
    private static TimeSeries<Power>? Yesterday(TimeSeries<Power> history, DateTimeOffset start)
    {
        var points = new List<TimePoint<Power>>();
        for (var t = start; t < start + Horizon; t += Hour)
        {
            var back = t.AddDays(-1);
            while (back >= start) back = back.AddDays(-1);
            if (history.ValueAt(back) is { } v) points.Add(new(t, v));
        }
        return new TimeSeries<Power>(points, Hour);
    }

    /// <summary>The mean of the last 7 days' hours, flat over the horizon.</summary>
    private static TimeSeries<Power>? FlatMean(TimeSeries<Power> history, DateTimeOffset start)
    {
        var recent = history.Points.Where(p => p.Start >= start.AddDays(-7)).Select(p => p.Value.Watts).ToList();
        if (recent.Count == 0) return null;
        var mean = Power.FromWatts(recent.Average());
        return new TimeSeries<Power>(Enumerable.Range(0, (int)Horizon.TotalHours).Select(h => new TimePoint<Power>(start.AddHours(h), mean)), Hour);
    }

    private static TimeSeries<Power> Slice(TimeSeries<Power> series, DateTimeOffset from, DateTimeOffset until) =>
        new(series.Points.Where(p => p.Start >= from && p.Start < until), series.Resolution);

    private static DateOnly LocalDay(DateTimeOffset t, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Each local day's energy (kWh) where every hour of it is known.</summary>
    private static Dictionary<DateOnly, Energy> DailyEnergies(TimeSeries<Power> series, TimeZoneInfo zone) =>
        series.Points.GroupBy(p => LocalDay(p.Start, zone))
            .Where(g => g.Count() == (int)(Midnight(g.Key.AddDays(1), zone) - Midnight(g.Key, zone)).TotalHours)
            .ToDictionary(g => g.Key, g => Energy.FromKilowattHours(g.Sum(p => p.Value.Watts) / 1000));

    /// <summary>Each Amsterdam household's hourly mean power (W); an hour with fewer than its twelve 5-minute rows is left out.</summary>
    private static List<(string Id, TimeSeries<Power> Series)> LoadAmsterdam(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Select(f => (Id: f[0], At: DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture), Wh: double.Parse(f[2], CultureInfo.InvariantCulture)))
            .GroupBy(r => r.Id)
            .Select(g => (g.Key, new TimeSeries<Power>(g.GroupBy(r => new DateTimeOffset(r.At.UtcTicks - r.At.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero))
                .Where(h => h.Count() == 12)
                .Select(h => new TimePoint<Power>(h.Key, Power.FromWatts(h.Sum(r => r.Wh)))), Hour)))
            .ToList();

    /// <summary>The Konstanz household's hourly house load and PV (W) from the counters' steps.</summary>
    private static (TimeSeries<Power> House, TimeSeries<Power> Pv) LoadKonstanz(string path)
    {
        var lines = File.ReadLines(path).ToList();
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, "DE_KN_residential4_" + name);
        var (import, export, pv) = (Column("grid_import"), Column("grid_export"), Column("pv"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => (At: DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture),
            Import: Number(f[import]), Export: Number(f[export]), Pv: Number(f[pv]))).ToList();
        var (house, solar) = (new List<TimePoint<Power>>(), new List<TimePoint<Power>>());
        for (var i = 1; i < rows.Count; i++)
        {
            var (a, b) = (rows[i - 1], rows[i]);
            if (b.At - a.At != Hour || a.Pv is null || b.Pv is null) continue;
            var pvKwh = b.Pv.Value - a.Pv.Value;
            if (pvKwh is < 0 or > 12) continue;
            solar.Add(new(a.At, Power.FromKilowatts(pvKwh)));
            if (a.Import is null || b.Import is null || a.Export is null || b.Export is null) continue;
            var (importKwh, exportKwh) = (b.Import.Value - a.Import.Value, b.Export.Value - a.Export.Value);
            if (importKwh < 0 || exportKwh < 0) continue;
            house.Add(new(a.At, Power.FromKilowatts(importKwh - exportKwh + pvKwh)));
        }
        return (new TimeSeries<Power>(house, Hour), new TimeSeries<Power>(solar, Hour));
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
