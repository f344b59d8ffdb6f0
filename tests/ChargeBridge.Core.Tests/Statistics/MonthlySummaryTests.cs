using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

public class MonthlySummaryTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly November = new(2026, 11, 1);

    private static DayTotals Day(int year, int month, int day, double toGridKwh, double toHouseKwh, double v2g, double v2h, double solar, double naive) =>
        new(new DateOnly(year, month, day), new EnergyTotals(Energy.Zero, Energy.FromKilowattHours(toGridKwh + toHouseKwh), 0, 0, 0,
            DischargedToHouse: Energy.FromKilowattHours(toHouseKwh), DischargedToGrid: Energy.FromKilowattHours(toGridKwh),
            V2gRevenueEur: v2g, V2hSavingsEur: v2h, SolarSavingsEur: solar), naive);

    private static readonly DayTotals[] Days =
    [
        Day(2026, 10, 31, 50, 50, 9, 9, 9, 9),
        Day(2026, 11, 3, 10, 5, 2.50, 1.50, 0.80, 1.20),
        Day(2026, 11, 20, 4, 1, 1.00, 0.30, 0.20, 0.30),
        Day(2026, 12, 1, 50, 50, 9, 9, 9, 9),
    ];

    [Fact]
    public void The_month_sums_its_days_only_and_prices_the_wear_of_the_energy_fed_to_the_grid_and_the_house()
    {
        // V2G 2.50 + 1.00 = 3.50; V2H 1.50 + 0.30 = 1.80; solar 0.80 + 0.20 = 1.00; naive 1.20 + 0.30 = 1.50; total 7.80.
        // Fed back 10 + 5 + 4 + 1 = 20 kWh at 0.05 EUR/kWh: 1.00 EUR. Payback: (1200 − 300) / 240 = 3.75 more years.
        var summary = MonthlySummary.Of(Days, November, new EnergyPrice(0.05), 240, 1200, 300)!;

        Assert.Equal(November, summary.Month);
        Assert.Equal((3.50, 1.80, 1.00, 1.50), (Math.Round(summary.V2gRevenueEur, 9), Math.Round(summary.V2hSavingsEur, 9),
            Math.Round(summary.SolarSavingsEur, 9), Math.Round(summary.NaiveSavingsEur, 9)));
        Assert.Equal(7.80, summary.TotalEur, 9);
        Assert.Equal(20, summary.FedBack.KilowattHours, 9);
        Assert.Equal(1.00, summary.WearEur, 9);
        Assert.Equal(240, summary.ProjectedAnnualEur);
        Assert.Equal(3.75, summary.PaybackRemainingYears!.Value, 9);

        var note = ProductNotifications.MonthlySummary(summary);
        Assert.Equal(NotificationTags.MonthlySummary, note.Tag);
        Assert.Equal("ChargeBridge in November 2026", note.Title);
        Assert.Equal("V2G revenue 3.50 EUR, V2H savings 1.80 EUR, solar savings 1.00 EUR, savings against naive charging 1.50 EUR: 7.80 EUR in all. " +
            "Battery wear of the 20.0 kWh fed back: 1.00 EUR. Projected year: 240.00 EUR. The equipment pays for itself in 3.8 more years.", note.Message);
        Assert.False(note.Critical);
    }

    [Fact]
    public void Without_a_pack_price_the_wear_is_zero_and_without_a_projection_or_equipment_cost_neither_is_told()
    {
        var summary = MonthlySummary.Of(Days, November, new EnergyPrice(0), null, 0, 300)!;

        Assert.Equal(0, summary.WearEur);
        Assert.Null(summary.ProjectedAnnualEur);
        Assert.Null(summary.PaybackRemainingYears);
        var message = ProductNotifications.MonthlySummary(summary).Message;
        Assert.EndsWith("fed back: 0.00 EUR.", message);
        Assert.DoesNotContain("Projected", message);
        Assert.Null(MonthlySummary.Of(Days, November, new EnergyPrice(0.05), 240, 0, 300)!.PaybackRemainingYears);
    }

    [Fact]
    public void A_month_without_a_recorded_day_has_no_summary()
    {
        Assert.Null(MonthlySummary.Of(Days, new DateOnly(2026, 9, 1), new EnergyPrice(0.05), 240, 1200, 300));
    }

    [Fact]
    public void Last_month_is_due_on_the_first_local_day_from_nine_once()
    {
        // Berlin is UTC+1 in December: 09:00 local is 08:00 UTC.
        var first = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Null(MonthlySummary.Due(first.AddMinutes(-1), Berlin, null));
        Assert.Equal(November, MonthlySummary.Due(first, Berlin, null));
        Assert.Equal(November, MonthlySummary.Due(first.AddHours(14), Berlin, new DateOnly(2026, 10, 1)));
        Assert.Null(MonthlySummary.Due(first, Berlin, November));
        // 23:30 UTC on 30 November is already 00:30 on the 1st in Berlin, but before nine.
        Assert.Null(MonthlySummary.Due(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), Berlin, null));
        Assert.Null(MonthlySummary.Due(first.AddDays(1), Berlin, null));
        Assert.Equal(new DateOnly(2026, 12, 1), MonthlySummary.Due(new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero), Berlin, November));
    }
}
