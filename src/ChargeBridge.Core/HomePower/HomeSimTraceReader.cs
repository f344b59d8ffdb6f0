using System.Globalization;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Reads one local day of the shared house data into a <see cref="HomeSimTrace"/> at the data's own interval. Callers
/// pass the file's text (tests and benchmarks open the shared CSV); a day with a missing reading is refused, not filled.
/// </summary>
public static class HomeSimTraceReader
{
    /// <summary>
    /// The Konstanz (DE_KN_residential4) roof's peak, estimated as 9.5 kWp from its production (data/SOURCES.md: "roughly
    /// 9–10 kWp"); <see cref="KonstanzPvScale"/> scales its PV to another roof with it.
    /// </summary>
    public static readonly Power KonstanzPvPeak = Power.FromKilowatts(9.5);

    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    private const string KonstanzPrefix = "DE_KN_residential4_";

    /// <summary>The factor that turns the Konstanz roof's PV into a roof of <paramref name="peak"/>.</summary>
    public static double KonstanzPvScale(Power peak) => peak.Watts / KonstanzPvPeak.Watts;

    /// <summary>
    /// One household's consumption from nl_amsterdam_heatpump_households_5min_2020.csv (columns id, datetime in UTC,
    /// consumption in Wh per 5 minutes, timestamp = start of the interval) for the local day <paramref name="day"/> in
    /// <paramref name="zone"/> (default Europe/Amsterdam). Power = Wh × 12. The file has no PV: PV is 0.
    /// </summary>
    public static HomeSimTrace Amsterdam(TextReader csv, int householdId, DateOnly day, TimeZoneInfo? zone = null)
    {
        var (start, end) = LocalDay(day, zone ?? TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var watts = new double?[(int)((end - start) / FiveMinutes)];
        var id = householdId.ToString(CultureInfo.InvariantCulture);
        ExpectHeader(csv, "id,datetime,consumption");
        while (csv.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (fields.Length != 3) throw new InvalidDataException($"expected 3 fields: {line}");
            if (fields[0] != id) continue;
            var at = ParseUtc(fields[1]);
            if (at < start || at >= end) continue;
            watts[(int)((at - start) / FiveMinutes)] = ParseNumber(fields[2], line) * 12;
        }
        var house = Complete(watts, start, FiveMinutes, $"household {householdId}");
        return new HomeSimTrace(start, FiveMinutes, house, new Power[house.Length]);
    }

    /// <summary>
    /// House consumption and PV of household DE_KN_residential4 from opsd_household_DE_KN_residential4_60min.csv for the
    /// local day <paramref name="day"/> in <paramref name="zone"/> (default Europe/Berlin). The columns are cumulative
    /// kWh meter readings at <c>utc_timestamp</c>, so the hour before a reading used the difference to the reading an
    /// hour earlier: PV = ΔPV, house = Δgrid_import − Δgrid_export + ΔPV (the EV and heat pump are inside it). Where OPSD
    /// interpolated the counters, 11 hours of the file come out negative (down to −1.1 kWh); they are kept as read.
    /// </summary>
    public static HomeSimTrace Konstanz(TextReader csv, DateOnly day, TimeZoneInfo? zone = null)
    {
        var (start, end) = LocalDay(day, zone ?? TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var header = (csv.ReadLine() ?? throw new InvalidDataException("the file is empty")).Split(',');
        var time = Column(header, "utc_timestamp");
        var import = Column(header, KonstanzPrefix + "grid_import");
        var export = Column(header, KonstanzPrefix + "grid_export");
        var pv = Column(header, KonstanzPrefix + "pv");

        var hours = (int)((end - start) / OneHour);
        var readings = new (double Import, double Export, double Pv)?[hours + 1];
        while (csv.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            var at = ParseUtc(fields[time]);
            if (at < start || at > end) continue;
            // A blank counter is a gap in the OPSD data: leave the reading missing.
            if (fields[import].Length == 0 || fields[export].Length == 0 || fields[pv].Length == 0) continue;
            readings[(int)((at - start) / OneHour)] =
                (ParseNumber(fields[import], line), ParseNumber(fields[export], line), ParseNumber(fields[pv], line));
        }

        var house = new Power[hours];
        var production = new Power[hours];
        for (var h = 0; h < hours; h++)
        {
            if (readings[h] is not { } before || readings[h + 1] is not { } after)
                throw new InvalidDataException(
                    $"DE_KN_residential4 has no complete meter reading around {start + OneHour * h:u}–{start + OneHour * (h + 1):u} (a gap in the data)");
            var pvKwh = after.Pv - before.Pv;
            production[h] = Energy.FromKilowattHours(pvKwh).Per(OneHour);
            house[h] = Energy.FromKilowattHours(after.Import - before.Import - (after.Export - before.Export) + pvKwh).Per(OneHour);
        }
        return new HomeSimTrace(start, OneHour, house, production);
    }

    /// <summary>Local midnight to the next local midnight (23 or 25 h on clock-change days), with local offsets.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) LocalDay(DateOnly day, TimeZoneInfo zone)
    {
        static DateTimeOffset Midnight(DateOnly d, TimeZoneInfo zone)
        {
            var local = d.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        return (Midnight(day, zone), Midnight(day.AddDays(1), zone));
    }

    private static Power[] Complete(double?[] watts, DateTimeOffset start, TimeSpan step, string what)
    {
        var missing = Array.FindIndex(watts, w => w is null);
        if (missing >= 0)
            throw new InvalidDataException($"{what} has no reading for {start + step * missing:u} ({watts.Count(w => w is null)} of {watts.Length} intervals missing that day)");
        return watts.Select(w => Power.FromWatts(w!.Value)).ToArray();
    }

    private static void ExpectHeader(TextReader csv, string expected)
    {
        var header = csv.ReadLine();
        if (header != expected) throw new InvalidDataException($"expected the header '{expected}', got '{header}'");
    }

    private static int Column(string[] header, string name)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0 ? index : throw new InvalidDataException($"the column {name} is missing");
    }

    private static DateTimeOffset ParseUtc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static double ParseNumber(string text, string line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a number: {line}");
}
