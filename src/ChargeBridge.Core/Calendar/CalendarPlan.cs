using System.Globalization;
using System.Text;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Calendar;

/// <summary>
/// The planner's view of a calendar: one SoC target at each event's start and one absence for its duration.
/// <see cref="Fingerprint"/> changes exactly when a target or an absence does, for the re-plan trigger.
/// <see cref="Learned"/> is the departure learned from past sessions whose target is among <see cref="Targets"/>, if any.
/// </summary>
public sealed record CalendarPlan(IReadOnlyList<SocTarget> Targets, IReadOnlyList<Absence> Absences, LearnedDeparture? Learned = null)
{
    public string Fingerprint { get; } = FingerprintOf(Targets, Absences);

    /// <summary>
    /// Targets and absences for the events not yet over at <paramref name="now"/>. An event already under way keeps
    /// its absence but no target: its start has passed, so no plan can reach it any more.
    /// </summary>
    public static CalendarPlan From(IEnumerable<CalendarEvent> events, DateTimeOffset now, ChargeSettings settings, Percent practicalMax)
    {
        var current = events.Where(e => e.End > now).OrderBy(e => e.Start).ToList();
        return new(
            current.Where(e => e.Start >= now).Select(e => new SocTarget(e.Start, CalendarTargetRule.For(e, settings, practicalMax).Soc)).ToList(),
            current.Select(e => new Absence(e.Start, e.End)).ToList());
    }

    /// <summary>
    /// This plan with <paramref name="learned"/>'s target added, unless the calendar speaks for that day: an event of
    /// <paramref name="events"/> starting on the departure's local day, or one under way at its time (the car is away
    /// then), always wins over a guess from history.
    /// </summary>
    public CalendarPlan WithLearned(LearnedDeparture? learned, IEnumerable<CalendarEvent> events, TimeZoneInfo zone)
    {
        if (learned is null) return this;
        var day = LocalDay(learned.At, zone);
        if (events.Any(e => LocalDay(e.Start, zone) == day || (e.Start <= learned.At && learned.At < e.End))) return this;
        // A new plan rather than `with`, which would copy the fingerprint of this one.
        return new([.. Targets.Append(new SocTarget(learned.At, learned.Soc)).OrderBy(t => t.At)], Absences, learned);
    }

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static string FingerprintOf(IReadOnlyList<SocTarget> targets, IReadOnlyList<Absence> absences)
    {
        var text = new StringBuilder();
        foreach (var t in targets) text.Append(CultureInfo.InvariantCulture, $"T{t.At.UtcTicks}:{t.Soc.Value:R};");
        foreach (var a in absences) text.Append(CultureInfo.InvariantCulture, $"A{a.Start.UtcTicks}-{a.End.UtcTicks};");
        return text.ToString();
    }
}
