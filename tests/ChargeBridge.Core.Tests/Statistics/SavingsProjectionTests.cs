using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

public class SavingsProjectionTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    private static DayTotals Day(int daysAgo, double v2gEur, double savedEur = 0) =>
        new(Today.AddDays(-daysAgo), EnergyTotals.Zero with { V2gRevenueEur = v2gEur }, savedEur);

    [Fact]
    public void The_year_is_projected_from_the_last_thirty_days_with_days_without_a_record_counting_as_nothing()
    {
        // 30 days back: 10 recorded days of 1.00 EUR (0.60 by destination + 0.40 against naive charging), 20 without.
        var days = Enumerable.Range(1, 10).Select(d => Day(d * 3, 0.60, 0.40)).Append(Day(45, 100)).Append(Day(0, 100));
        Assert.Equal(10.0 / 30 * 365, SavingsProjection.Annual(days, Today)!.Value, 9);
    }

    [Fact]
    public void Less_than_a_week_behind_projects_nothing()
    {
        Assert.Null(SavingsProjection.Annual([Day(6, 5), Day(1, 5)], Today));
        Assert.Null(SavingsProjection.Annual([], Today));
        Assert.NotNull(SavingsProjection.Annual([Day(7, 5)], Today));
    }

    [Fact]
    public void The_payback_counts_the_years_for_the_savings_to_repay_the_equipment()
    {
        var (years, remaining) = SavingsProjection.Payback(2500, savedEur: 500, annualEur: 400)!.Value;
        Assert.Equal(6.25, years, 9);
        Assert.Equal(5.0, remaining, 9);
        Assert.Equal(0, SavingsProjection.Payback(2500, savedEur: 3000, annualEur: 400)!.Value.RemainingYears);
        Assert.Null(SavingsProjection.Payback(0, 0, 400));
        Assert.Null(SavingsProjection.Payback(2500, 0, -10));
        Assert.Null(SavingsProjection.Payback(2500, 0, null));
    }

    [Fact]
    public void Charging_from_pv_saves_the_buy_price_less_the_export_given_up_and_energy_out_earns_by_destination()
    {
        var site = new SitePower(Power.FromWatts(-2000), Power.FromWatts(6000)); // 6 kW charging with 2 kW still exported: all PV
        var charged = EnergyTotals.Of(new EnergySample(DateTimeOffset.UnixEpoch, Power.FromWatts(6000), new EnergyPrice(0.30), new EnergyPrice(0.08), Site: site),
            TimeSpan.FromHours(1));
        Assert.Equal(6 * (0.30 - 0.08), charged.SolarSavingsEur, 9);
        Assert.Equal(6 * (0.30 - 0.08), charged.ByDestinationEur, 9);
    }
}
