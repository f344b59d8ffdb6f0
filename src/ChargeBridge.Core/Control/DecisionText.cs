using System.Globalization;
using System.Text;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Control;

/// <summary>
/// The one-line log text of a planning decision, for example
/// "planned: charge 7.4 kW 02:00–04:15, discharge 3.7 kW 17:00–18:00 (times UTC+01:00) because new prices; expected cost 1.23 EUR; targets met".
/// Power is read to the watt: consecutive slots that read the same merge into one run, and runs that read 0 W are idle
/// and left out; times are in the given zone, with its UTC offset. A run that starts on
/// another day than the schedule gets the weekday in front.
/// </summary>
public static class DecisionText
{
    /// <summary>Runs listed before the rest is summarised as "… and N more".</summary>
    public const int MaxRuns = 6;

    public static string Planned(Schedule schedule, IReadOnlyList<ReplanReason> reasons, TimeZoneInfo zone)
    {
        var text = new StringBuilder("planned: ");
        var runs = Runs(schedule.Slots).Where(r => r.Power != Power.Zero).ToList();
        if (schedule.Slots.Count == 0) text.Append("nothing (no slots)");
        else if (runs.Count == 0) text.Append("idle");
        else
        {
            var firstDay = Local(schedule.Slots[0].Start, zone).Date;
            var offset = Local(runs[0].Start, zone).Offset;
            text.AppendJoin(", ", runs.Take(MaxRuns).Select(r => Run(r, zone, firstDay, offset)));
            if (runs.Count > MaxRuns) text.Append(CultureInfo.InvariantCulture, $" and {runs.Count - MaxRuns} more");
            text.Append(" (times ").Append(Utc(offset)).Append(')');
        }
        if (reasons.Count > 0) text.Append(" because ").AppendJoin(", ", reasons.Select(Reason));
        text.Append(CultureInfo.InvariantCulture, $"; expected cost {schedule.ExpectedCostEur:0.00} EUR; ");
        text.Append(schedule.Targets.Count == 0 ? "no targets"
            : schedule.TargetsMet ? "targets met"
            : string.Create(CultureInfo.InvariantCulture, $"targets missed by up to {schedule.MaxShortfall.Value:0} %"));
        return text.ToString();
    }

    /// <summary>The command sent to the charger and why, e.g. "command: discharge 7.4 kW because max discharge".</summary>
    public static string Commanded(ChargerCommand command, string reason)
    {
        var what = command switch
        {
            { Kind: ChargerCommandKind.ReleaseToApp } => "control handed to the charger's app",
            { SetPoint: var p } when ToTheWatt(p) == Power.Zero => "idle at 0 W",
            { SetPoint: var p } => (p.IsCharging ? "charge " : "discharge ") + Amount(p.Abs()),
        };
        return $"command: {what} because {reason}";
    }

    public static string Reason(ReplanReason reason) => reason switch
    {
        ReplanReason.StartUp => "start-up",
        ReplanReason.SettingsChanged => "settings changed",
        ReplanReason.CarConnected => "car connected",
        ReplanReason.ModeChanged => "mode changed",
        ReplanReason.CalendarChanged => "calendar changed",
        ReplanReason.SocChanged => "SoC changed",
        ReplanReason.NewPrices => "new prices",
        ReplanReason.PricesGone => "prices gone",
        ReplanReason.Watchdog => "schedule due for renewal",
        _ => reason.ToString(),
    };

    private sealed record PowerRun(DateTimeOffset Start, DateTimeOffset End, Power Power);

    private static IEnumerable<PowerRun> Runs(IReadOnlyList<ScheduleSlot> slots)
    {
        PowerRun? current = null;
        foreach (var slot in slots)
        {
            var power = ToTheWatt(slot.SetPoint);
            if (current is not null && current.Power == power && current.End == slot.Start)
            {
                current = current with { End = slot.End };
                continue;
            }
            if (current is not null) yield return current;
            current = new PowerRun(slot.Start, slot.End, power);
        }
        if (current is not null) yield return current;
    }

    private static string Run(PowerRun run, TimeZoneInfo zone, DateTime firstDay, TimeSpan offset)
    {
        var start = Local(run.Start, zone);
        var day = start.Date == firstDay ? "" : start.ToString("ddd ", CultureInfo.InvariantCulture);
        var verb = run.Power.IsCharging ? "charge" : "discharge";
        return $"{verb} {Amount(run.Power.Abs())} {day}{Clock(start, offset)}–{Clock(Local(run.End, zone), offset)}";
    }

    /// <summary>"HH:mm", followed by its own offset when a clock change has moved it off the line's.</summary>
    private static string Clock(DateTimeOffset local, TimeSpan offset) =>
        local.ToString("HH:mm", CultureInfo.InvariantCulture) + (local.Offset == offset ? "" : " " + Utc(local.Offset));

    // The log's own timestamps may be in another zone (the machine's), so plan times say which they are in.
    private static string Utc(TimeSpan offset) => offset == TimeSpan.Zero ? "UTC"
        : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    // The planner leaves fractions of a watt; a run shown as "charge 0 W" or split at 7399.9996 W would mislead.
    private static Power ToTheWatt(Power power) => Power.FromWatts(Math.Round(power.Watts));

    // Below 1 kW a tenth of a kW hides too much (a 20 W trickle would read "0.0 kW").
    private static string Amount(Power power) => power.Kilowatts >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{power.Kilowatts:0.0} kW")
        : string.Create(CultureInfo.InvariantCulture, $"{power.Watts:0} W");

    private static DateTimeOffset Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);
}
