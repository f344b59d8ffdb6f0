using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

public class EnergyStatisticsTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static EnergySample Sample(DateTimeOffset at, double watts, double buy = 0.2, double? sell = null, double? grams = null) =>
        new(at, Power.FromWatts(watts), new EnergyPrice(buy), sell is { } s ? new EnergyPrice(s) : null, grams is { } g ? new CarbonIntensity(g) : null);

    [Fact]
    public void Charging_counts_energy_cost_and_co2_and_discharging_counts_revenue_at_the_sell_price()
    {
        var t = DateTimeOffset.Parse("2025-07-01T10:00:00+02:00");

        var charge = EnergyTotals.Of(Sample(t, 6000, buy: 0.25, grams: 300), FiveMinutes);
        var discharge = EnergyTotals.Of(Sample(t, -6000, buy: 0.25, sell: 0.30, grams: 300), FiveMinutes);
        var netMetered = EnergyTotals.Of(Sample(t, -6000, buy: 0.25), FiveMinutes);

        Assert.Equal(new EnergyTotals(Energy.FromKilowattHours(0.5), Energy.Zero, 0.125, 0, 0.15), charge);
        Assert.Equal(new EnergyTotals(Energy.Zero, Energy.FromKilowattHours(0.5), 0, 0.15, -0.15), discharge);
        Assert.Equal(0.125, netMetered.DischargeRevenueEur, 12);
    }

    [Fact]
    public void Samples_fall_in_the_local_day_week_month_and_year_they_start_in()
    {
        var stats = new EnergyStatistics(Amsterdam, FiveMinutes);
        // Sunday 2025-08-31 23:55 local, then Monday 2025-09-01 00:00 local: a new day, week, month but the same year.
        stats.Add(Sample(DateTimeOffset.Parse("2025-08-31T21:55:00Z"), 1200));
        stats.Add(Sample(DateTimeOffset.Parse("2025-08-31T22:00:00Z"), 2400));

        var monday = DateTimeOffset.Parse("2025-09-01T12:00:00+02:00");
        var sunday = DateTimeOffset.Parse("2025-08-31T12:00:00+02:00");
        Assert.Equal(0.2, stats.For(StatisticsPeriod.Day, monday).Charged.KilowattHours, 12);
        Assert.Equal(0.1, stats.For(StatisticsPeriod.Day, sunday).Charged.KilowattHours, 12);
        Assert.Equal(0.2, stats.For(StatisticsPeriod.Week, monday).Charged.KilowattHours, 12);
        Assert.Equal(0.1, stats.For(StatisticsPeriod.Week, sunday.AddDays(-6)).Charged.KilowattHours, 12);
        Assert.Equal(0.2, stats.For(StatisticsPeriod.Month, monday).Charged.KilowattHours, 12);
        Assert.Equal(0.3, stats.For(StatisticsPeriod.Year, monday).Charged.KilowattHours, 12);
        Assert.Equal(EnergyTotals.Zero, stats.For(StatisticsPeriod.Day, monday.AddDays(1)));
    }

    [Fact]
    public void The_25_hour_day_holds_25_hours_of_samples()
    {
        var stats = new EnergyStatistics(Amsterdam, FiveMinutes);
        var midnight = DateTimeOffset.Parse("2024-10-27T00:00:00+02:00");
        for (var i = 0; i < 25 * 12 + 1; i++) stats.Add(Sample(midnight + FiveMinutes * i, 1200));

        Assert.Equal(25 * 1.2, stats.For(StatisticsPeriod.Day, midnight).Charged.KilowattHours, 9);
        Assert.Equal(0.1, stats.For(StatisticsPeriod.Day, midnight.AddDays(1.5)).Charged.KilowattHours, 12);
    }

    [Fact]
    public void Repeated_out_of_order_and_non_numeric_samples_are_refused()
    {
        var stats = new EnergyStatistics(Amsterdam, FiveMinutes);
        var t = DateTimeOffset.Parse("2025-07-01T10:00:00+02:00");

        Assert.True(stats.Add(Sample(t, 1200)));
        Assert.False(stats.Add(Sample(t, 1200)));
        Assert.False(stats.Add(Sample(t - FiveMinutes, 1200)));
        Assert.False(stats.Add(Sample(t + FiveMinutes, double.NaN)));
        Assert.Equal(0.1, stats.Lifetime.Charged.KilowattHours, 12);
    }

    [Fact]
    public void Lifetime_totals_continue_from_the_restored_state_and_never_decrease()
    {
        var restored = new EnergyTotals(Energy.FromKilowattHours(1000), Energy.FromKilowattHours(400), 150, 90, 120);
        var stats = new EnergyStatistics(Amsterdam, FiveMinutes, restored);
        var t = DateTimeOffset.Parse("2025-07-01T10:00:00+02:00");
        var charged = new List<double>();
        var discharged = new List<double>();
        foreach (var (w, i) in new[] { 1200.0, -6000, 0, 3600, -1200 }.Select((w, i) => (w, i)))
        {
            stats.Add(Sample(t + FiveMinutes * i, w, buy: -0.05));
            charged.Add(stats.Lifetime.Charged.KilowattHours);
            discharged.Add(stats.Lifetime.Discharged.KilowattHours);
        }

        Assert.Equal(charged.Order(), charged);
        Assert.Equal(discharged.Order(), discharged);
        Assert.Equal(1000.4, charged[^1], 9);
        Assert.Equal(400.6, discharged[^1], 9);
    }

    [Fact]
    public void A_restored_day_counts_in_its_periods_and_the_lifetime_comes_only_from_the_constructor()
    {
        var saved = new EnergyTotals(Energy.FromKilowattHours(3), Energy.FromKilowattHours(1), 0.6, 0.3, 0);
        var stats = new EnergyStatistics(Amsterdam, FiveMinutes, lifetime: saved);
        stats.RestoreDay(new DateOnly(2025, 9, 1), saved);
        stats.Add(Sample(DateTimeOffset.Parse("2025-09-02T10:00:00+02:00"), 1200));

        Assert.Equal(3, stats.For(StatisticsPeriod.Day, DateTimeOffset.Parse("2025-09-01T23:30:00+02:00")).Charged.KilowattHours, 12);
        Assert.Equal(3.1, stats.For(StatisticsPeriod.Week, DateTimeOffset.Parse("2025-09-02T12:00:00+02:00")).Charged.KilowattHours, 12);
        Assert.Equal(3.1, stats.Lifetime.Charged.KilowattHours, 12);
    }
}
