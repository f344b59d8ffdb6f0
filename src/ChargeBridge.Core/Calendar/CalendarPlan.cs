using System.Globalization;
using System.Text;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Calendar;

/// <summary>
/// The planner's view of a calendar: one SoC target at each event's start and one absence for its duration.
/// <see cref="Fingerprint"/> changes exactly when a target or an absence does, for the re-plan trigger.
/// </summary>
public sealed record CalendarPlan(IReadOnlyList<SocTarget> Targets, IReadOnlyList<Absence> Absences)
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

    private static string FingerprintOf(IReadOnlyList<SocTarget> targets, IReadOnlyList<Absence> absences)
    {
        var text = new StringBuilder();
        foreach (var t in targets) text.Append(CultureInfo.InvariantCulture, $"T{t.At.UtcTicks}:{t.Soc.Value:R};");
        foreach (var a in absences) text.Append(CultureInfo.InvariantCulture, $"A{a.Start.UtcTicks}-{a.End.UtcTicks};");
        return text.ToString();
    }
}
