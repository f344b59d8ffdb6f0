using System.Globalization;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>
/// Reads the Trondheim residential sessions (`;`-separated, decimal comma, `dd.mm.yyyy HH:MM` local times) for one
/// user and moves them onto the price year: dates shift by 1827 days (261 weeks, so weekdays stay) and a session
/// that lands past the year goes back 364 days (52 weeks). Local times stay local (Oslo and Amsterdam share their
/// rules). Sessions without a plug-out time, overlapping the previous one, or outside the prices are dropped.
/// Each session's El_kWh is taken as the energy the trip before that arrival used.
/// </summary>
public static class SimulateSessionCsv
{
    private sealed record Row(string User, bool Private, DateTime Arrival, DateTime Departure, double Kwh);

    /// <summary>The chosen user's sessions; without <paramref name="user"/>, the private user who charged the most energy.</summary>
    public static (string User, IReadOnlyList<ChargingSession> Sessions) Read(
        TextReader reader, string name, string? user, TimeZoneInfo zone, DateTimeOffset pricesFrom, DateTimeOffset pricesUntil)
    {
        var rows = Rows(reader, name).ToList();
        user ??= rows.Where(r => r.Private).GroupBy(r => r.User).MaxBy(g => g.Sum(r => r.Kwh))?.Key
            ?? throw new FormatException($"{name}: no private user");
        var year = TimeZoneInfo.ConvertTime(pricesFrom, zone).Year;
        var sessions = new List<ChargingSession>();
        foreach (var row in rows.Where(r => r.User == user))
        {
            var arrival = ToUtc(Shift(row.Arrival, year), zone);
            var departure = arrival + (row.Departure - row.Arrival);
            if (arrival < pricesFrom || departure > pricesUntil) continue;
            sessions.Add(new ChargingSession(arrival, departure, Energy.FromKilowattHours(row.Kwh)));
        }
        sessions.Sort((a, b) => a.Arrival.CompareTo(b.Arrival));
        var kept = new List<ChargingSession>();
        foreach (var s in sessions)
            if (kept.Count == 0 || s.Arrival >= kept[^1].Departure) kept.Add(s);
        if (kept.Count == 0) throw new FormatException($"{name}: user {user} has no sessions within the prices");
        return (user, kept);
    }

    private static IEnumerable<Row> Rows(TextReader reader, string name)
    {
        var header = (reader.ReadLine() ?? throw new FormatException($"{name}: empty file")).TrimStart('\uFEFF').Split(';').ToList();
        int Col(string c) => header.IndexOf(c) is var i and >= 0 ? i : throw new FormatException($"{name}: no column {c}");
        int user = Col("User_ID"), type = Col("User_type"), start = Col("Start_plugin"), end = Col("End_plugout"), kwh = Col("El_kWh");
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            var f = line.TrimEnd('\r').Split(';');
            if (f.Length < header.Count || f[end] == "NA" || f[kwh] == "NA") continue;
            if (!DateTime.TryParseExact(f[start], "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var a)
                || !DateTime.TryParseExact(f[end], "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                || !double.TryParse(f[kwh].Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
                throw new FormatException($"{name} line {lineNumber}: cannot read '{line}'");
            if (d > a) yield return new Row(f[user], f[type] == "Private", a, d, e);
        }
    }

    private static DateTime Shift(DateTime local, int year)
    {
        var shifted = local.AddDays(1827);
        return shifted.Year > year ? shifted.AddDays(-364) : shifted;
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A plug-in in the skipped spring hour happened just after the clock change.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
