using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// One month's money in the loadpoint's statistics: V2G revenue, V2H savings, solar savings and savings against naive
/// charging (EUR), the energy fed back (to the grid and the house) and the battery wear it cost at the loadpoint's wear
/// per kWh fed back, and, when known, the projected year (EUR) and the years of payback still to go.
/// </summary>
public sealed record MonthlySummary(
    DateOnly Month,
    double V2gRevenueEur,
    double V2hSavingsEur,
    double SolarSavingsEur,
    double NaiveSavingsEur,
    Energy FedBack,
    double WearEur,
    double? ProjectedAnnualEur,
    double? PaybackRemainingYears)
{
    /// <summary>The local hour on the 1st from which last month is summarised: the morning, not midnight.</summary>
    public const int FromHour = 9;

    /// <summary>What the month saved and earned in all (before the wear, which is shown beside it).</summary>
    public double TotalEur => V2gRevenueEur + V2hSavingsEur + SolarSavingsEur + NaiveSavingsEur;

    /// <summary>The first day of the month to summarise at <paramref name="now"/>: last month, on the 1st (local) from
    /// <see cref="FromHour"/>, unless <paramref name="summarised"/> (the month summarised last) is already it; else null.</summary>
    public static DateOnly? Due(DateTimeOffset now, TimeZoneInfo zone, DateOnly? summarised)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (local.Day != 1 || local.Hour < FromHour) return null;
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return summarised >= month ? null : month;
    }

    /// <summary>The month starting <paramref name="month"/> from its <paramref name="days"/> (others are ignored); null
    /// when none of its days was recorded. The payback is <see cref="SavingsProjection.Payback"/>'s remaining years.</summary>
    public static MonthlySummary? Of(IEnumerable<DayTotals> days, DateOnly month, EnergyPrice wearPerKwh, double? projectedAnnualEur,
        double equipmentCostEur, double savedEur)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var inMonth = days.Where(d => d.Day >= first && d.Day < first.AddMonths(1)).ToList();
        if (inMonth.Count == 0) return null;
        var totals = inMonth.Aggregate(EnergyTotals.Zero, (sum, d) => sum + d.Totals);
        var fedBack = totals.DischargedToGrid + totals.DischargedToHouse;
        return new MonthlySummary(first, totals.V2gRevenueEur, totals.V2hSavingsEur, totals.SolarSavingsEur, inMonth.Sum(d => d.SavingsEur), fedBack,
            wearPerKwh.CostOf(fedBack), projectedAnnualEur, SavingsProjection.Payback(equipmentCostEur, savedEur, projectedAnnualEur)?.RemainingYears);
    }
}
