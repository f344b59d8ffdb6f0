namespace ChargeBridge.Core.Statistics;

/// <summary>
/// Savings against naive charging per local day, week, month and year and in total. A session's savings count in
/// the periods where it ended (unplugging), the moment the comparison can be made.
/// </summary>
public sealed class SavingsLedger(TimeZoneInfo zone, double lifetimeEur = 0)
{
    private readonly PeriodTotals<double> _periods = new(zone, 0, (a, b) => a + b);

    public double LifetimeEur { get; private set; } = lifetimeEur;

    public void Add(SessionSavings session, DateTimeOffset sessionEnd)
    {
        LifetimeEur += session.SavingsEur;
        _periods.Add(sessionEnd, session.SavingsEur);
    }

    /// <summary>Puts back one local day's savings saved before a restart (the lifetime comes with the constructor).</summary>
    public void RestoreDay(DateOnly day, double savingsEur) => _periods.Add(day, savingsEur);

    public double For(StatisticsPeriod period, DateTimeOffset time) => _periods.For(period, time);
}
