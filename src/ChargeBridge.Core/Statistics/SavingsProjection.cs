namespace ChargeBridge.Core.Statistics;

/// <summary>
/// The year's savings projected from the recent past, and when they repay the equipment. A day's savings are those
/// against naive charging plus what its energy earned or saved by destination (<see cref="EnergyTotals.ByDestinationEur"/>).
/// The projection takes the last <see cref="WindowDays"/> days before today from the first one recorded, days without a
/// record counting as 0 (the car away is part of the year), and needs <see cref="MinimumDays"/> of them.
/// </summary>
public static class SavingsProjection
{
    public const int WindowDays = 30;
    public const int MinimumDays = 7;

    /// <summary>EUR a year at the recent pace; null with less than <see cref="MinimumDays"/> days behind.</summary>
    public static double? Annual(IEnumerable<DayTotals> days, DateOnly today)
    {
        var from = today.AddDays(-WindowDays);
        var recent = days.Where(d => d.Day >= from && d.Day < today).ToList();
        if (recent.Count == 0) return null;
        var span = today.DayNumber - recent.Min(d => d.Day).DayNumber;
        if (span < MinimumDays) return null;
        return recent.Sum(d => d.SavingsEur + d.Totals.ByDestinationEur) / span * 365;
    }

    /// <summary>Years for savings at <paramref name="annualEur"/> to repay <paramref name="equipmentCostEur"/>: in all,
    /// and still to go after the <paramref name="savedEur"/> so far; null without a cost or without positive savings.</summary>
    public static (double Years, double RemainingYears)? Payback(double equipmentCostEur, double savedEur, double? annualEur) =>
        equipmentCostEur > 0 && annualEur is > 0 and var annual
            ? (equipmentCostEur / annual, Math.Max(0, equipmentCostEur - savedEur) / annual)
            : null;
}
