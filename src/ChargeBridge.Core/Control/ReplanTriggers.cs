namespace ChargeBridge.Core.Control;

/// <summary>Which events require a new schedule, comparing now with the snapshot the current schedule was planned from.</summary>
public static class ReplanTriggers
{
    /// <summary>A schedule older than this is re-planned even when nothing changed, so a missed event never leaves a stale plan.</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(15);

    /// <summary>SoC drift (%-points) since the last plan that makes the plan's prognosis too far off to keep.</summary>
    public const double SocChangePoints = 2;

    /// <summary>
    /// Every reason to re-plan, empty when none. <paramref name="planned"/> is the snapshot of the last plan (null at
    /// start-up). Comparing with the last plan rather than the previous tick means slow SoC drift adds up until it counts.
    /// </summary>
    public static IReadOnlyList<ReplanReason> Evaluate(PlanningSnapshot? planned, PlanningSnapshot now)
    {
        if (planned is null) return [ReplanReason.StartUp];
        var reasons = new List<ReplanReason>();
        if (planned.Settings != now.Settings) reasons.Add(ReplanReason.SettingsChanged);
        if (now.CarConnected && !planned.CarConnected) reasons.Add(ReplanReason.CarConnected);
        if (planned.Mode != now.Mode) reasons.Add(ReplanReason.ModeChanged);
        if (planned.CalendarFingerprint != now.CalendarFingerprint) reasons.Add(ReplanReason.CalendarChanged);
        if (SocMoved(planned, now)) reasons.Add(ReplanReason.SocChanged);
        if (now.PricesReceivedAt is { } received && received != planned.PricesReceivedAt) reasons.Add(ReplanReason.NewPrices);
        if (now.PricesReceivedAt is null && planned.PricesReceivedAt is not null) reasons.Add(ReplanReason.PricesGone);
        if (now.At - planned.At >= Watchdog) reasons.Add(ReplanReason.Watchdog);
        return reasons;
    }

    // A SoC that appears or disappears counts as a change: the plan's starting point is different.
    private static bool SocMoved(PlanningSnapshot planned, PlanningSnapshot now) => (planned.Soc, now.Soc) switch
    {
        ({ } before, { } after) => Math.Abs(after.Value - before.Value) >= SocChangePoints,
        (null, null) => false,
        _ => true,
    };
}
