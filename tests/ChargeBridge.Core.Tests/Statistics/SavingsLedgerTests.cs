using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

public class SavingsLedgerTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static SessionSavings Saved(double eur) => new(0, 0, Energy.Zero, eur);

    [Fact]
    public void Sessions_count_in_the_local_periods_they_ended_in()
    {
        var ledger = new SavingsLedger(Amsterdam, lifetimeEur: 100);
        ledger.Add(Saved(1.5), DateTimeOffset.Parse("2025-12-31T22:30:00Z")); // 23:30 local, 31 December
        ledger.Add(Saved(-0.25), DateTimeOffset.Parse("2025-12-31T23:30:00Z")); // 00:30 local, 1 January

        Assert.Equal(1.5, ledger.For(StatisticsPeriod.Year, DateTimeOffset.Parse("2025-06-01T00:00:00+02:00")), 12);
        Assert.Equal(-0.25, ledger.For(StatisticsPeriod.Month, DateTimeOffset.Parse("2026-01-15T00:00:00+01:00")), 12);
        Assert.Equal(1.25, ledger.For(StatisticsPeriod.Week, DateTimeOffset.Parse("2026-01-01T12:00:00+01:00")), 12);
        Assert.Equal(101.25, ledger.LifetimeEur, 12);
    }

    [Fact]
    public void A_restored_day_counts_in_its_week_month_and_year_but_not_again_in_the_lifetime()
    {
        var ledger = new SavingsLedger(Amsterdam, lifetimeEur: 10);
        ledger.RestoreDay(new DateOnly(2026, 1, 12), 2); // a Monday
        ledger.Add(Saved(0.5), DateTimeOffset.Parse("2026-01-14T18:00:00+01:00"));

        Assert.Equal(2.5, ledger.For(StatisticsPeriod.Week, DateTimeOffset.Parse("2026-01-18T12:00:00+01:00")), 12);
        Assert.Equal(2, ledger.For(StatisticsPeriod.Day, DateTimeOffset.Parse("2026-01-12T23:59:00+01:00")), 12);
        Assert.Equal(10.5, ledger.LifetimeEur, 12);
    }
}
