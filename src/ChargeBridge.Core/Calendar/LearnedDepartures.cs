using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Calendar;

/// <summary>
/// Departures learned from past sessions, per local weekday. A day's departure is its first unplugging; its need is
/// what the trip after it used (SoC at unplugging less SoC at the next plug-in). For a day D, the same weekdays of the
/// <see cref="WeeksLooked"/> weeks before it count: when the car left on at least <see cref="MinDaysSeen"/> of them, D
/// gets a departure at the <see cref="TimeQuantile"/> of their departure times (early, so the car is ready on most of
/// those days) needing min SoC + the <see cref="NeedQuantile"/> of their trips' use (high, for the same reason),
/// clamped to [min SoC, min(max SoC, practical max)]; without a known trip use, the max-SoC setting, as for a calendar
/// event without a number. The first such departure in (now, now + <see cref="Horizon"/>] is proposed. Sessions that
/// cannot have happened (unplugged before plugged in, longer than <see cref="LongestSession"/>, a SoC
/// outside 0–100 %) are ignored, and so is a trip whose use is negative (charged elsewhere). Pure and deterministic.
/// </summary>
public static class LearnedDepartures
{
    public const int WeeksLooked = 6;
    public const int MinDaysSeen = 3;
    public const double TimeQuantile = 0.2;
    public const double NeedQuantile = 0.8;
    /// <summary>Tomorrow's first departure is always inside it, from any time today; the plan's 27 h reach it at the latest
    /// with the next day's prices.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(36);
    public static readonly TimeSpan LongestSession = TimeSpan.FromDays(14);

    public static LearnedDeparture? Propose(IEnumerable<PastSession> history, DateTimeOffset now, TimeZoneInfo zone, ChargeSettings settings, Percent practicalMax)
    {
        var days = FirstDepartures(history, zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        // Today, tomorrow and the day after cover (now, now + 36 h] in every zone.
        for (var day = today; day <= today.AddDays(2); day = day.AddDays(1))
        {
            var seen = Enumerable.Range(1, WeeksLooked).Select(w => day.AddDays(-7 * w)).Where(days.ContainsKey).Select(d => days[d]).ToList();
            if (seen.Count < MinDaysSeen) continue;
            var at = LocalTime(day, TimeSpan.FromTicks((long)Quantile(seen.Select(s => (double)s.TimeOfDay.Ticks), TimeQuantile)), zone);
            if (at <= now || at > now + Horizon) continue;
            var uses = seen.Where(s => s.TripUse is not null).Select(s => s.TripUse!.Value).ToList();
            var need = uses.Count > 0 ? settings.MinSoc.Value + Quantile(uses, NeedQuantile) : settings.MaxSoc.Value;
            var ceiling = Math.Min(settings.MaxSoc.Value, practicalMax.Value);
            return new LearnedDeparture(at, new Percent(Math.Max(settings.MinSoc.Value, Math.Min(need, ceiling))), seen.Count);
        }
        return null;
    }

    private sealed record Departure(TimeSpan TimeOfDay, double? TripUse);

    /// <summary>Each local day's first departure with the use of the trip after it.</summary>
    private static Dictionary<DateOnly, Departure> FirstDepartures(IEnumerable<PastSession> history, TimeZoneInfo zone)
    {
        var sessions = history.Where(Possible).OrderBy(s => s.Unplugged).ToList();
        var days = new Dictionary<DateOnly, Departure>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var local = TimeZoneInfo.ConvertTime(sessions[i].Unplugged, zone);
            var day = DateOnly.FromDateTime(local.DateTime);
            if (days.ContainsKey(day)) continue;
            double? use = i + 1 < sessions.Count && sessions[i + 1].PluggedIn >= sessions[i].Unplugged
                ? sessions[i].SocAtUnplug.Value - sessions[i + 1].SocAtPlugIn.Value : null;
            days[day] = new Departure(local.TimeOfDay, use >= 0 ? use : null);
        }
        return days;
    }

    private static bool Possible(PastSession s) =>
        s.PluggedIn < s.Unplugged && s.Unplugged - s.PluggedIn <= LongestSession && Soc(s.SocAtPlugIn) && Soc(s.SocAtUnplug);

    private static bool Soc(Percent p) => p.Value is >= 0 and <= 100;

    /// <summary>The instant <paramref name="time"/> on local <paramref name="day"/>: a time in the spring-forward gap
    /// moves on by the gap, and a time that happens twice in autumn is taken the first time, the earlier instant.</summary>
    private static DateTimeOffset LocalTime(DateOnly day, TimeSpan time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).Add(time);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero).ToOffset(zone.GetUtcOffset(local.AddHours(3)));
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The <paramref name="q"/> quantile, linear between the nearest ranks (R's type 7).</summary>
    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var rank = q * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        return below + 1 < sorted.Count ? sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
    }
}
