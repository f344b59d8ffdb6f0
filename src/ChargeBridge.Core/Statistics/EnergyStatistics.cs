namespace ChargeBridge.Core.Statistics;

/// <summary>
/// Accumulates samples into totals per local day, week, month and year, and a lifetime total that only grows
/// (what HA's Energy dashboard needs). A sample counts wholly in the period where it starts. Samples not later
/// than the last one (a re-sent or out-of-order measurement) are refused, so nothing is counted twice.
/// </summary>
public sealed class EnergyStatistics
{
    private readonly PeriodTotals<EnergyTotals> _periods;
    private readonly TimeSpan _interval;
    private DateTimeOffset? _last;

    /// <param name="lifetime">The totals restored from the energy sensors' last state, so they keep increasing across restarts.</param>
    public EnergyStatistics(TimeZoneInfo zone, TimeSpan interval, EnergyTotals? lifetime = null)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "the sample interval must be positive");
        _periods = new PeriodTotals<EnergyTotals>(zone, EnergyTotals.Zero, (a, b) => a + b);
        _interval = interval;
        Lifetime = lifetime ?? EnergyTotals.Zero;
    }

    public EnergyTotals Lifetime { get; private set; }

    /// <summary>Adds a sample; false (and nothing counted) when it is not after the last one or its power is not a number.</summary>
    public bool Add(EnergySample sample)
    {
        if (sample.Start <= _last || !double.IsFinite(sample.Power.Watts)) return false;
        _last = sample.Start;
        var totals = EnergyTotals.Of(sample, _interval);
        Lifetime += totals;
        _periods.Add(sample.Start, totals);
        return true;
    }

    /// <summary>Puts back one local day's totals saved before a restart into the day, week, month and year (not the lifetime,
    /// which the constructor restores whole so that it never drops by a rounding difference).</summary>
    public void RestoreDay(DateOnly day, EnergyTotals totals) => _periods.Add(day, totals);

    /// <summary>The totals of the local period that holds <paramref name="time"/> (zero when nothing was recorded).</summary>
    public EnergyTotals For(StatisticsPeriod period, DateTimeOffset time) => _periods.For(period, time);
}
