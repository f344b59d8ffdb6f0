using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>One local day's totals and savings.</summary>
public sealed record DayTotals(DateOnly Day, EnergyTotals Totals, double SavingsEur);

/// <summary>The plugged-in session under way: from when, at what SoC, what it has drawn and fed back so far, and the net
/// price of each interval counted (the naive comparison needs them when the price entity no longer holds those hours).</summary>
public sealed record SessionState(DateTimeOffset Start, Percent StartSoc, Percent LastSoc, EnergyTotals Totals, IReadOnlyList<TimePoint<EnergyPrice>> Prices);

/// <summary>Everything the statistics need after a restart. <paramref name="Sessions"/> are the ended sessions the
/// learned departures look at (null in a file written before they were kept); <paramref name="SummarisedMonth"/> the
/// first day of the month last summarised in a notification (null before the first, and in older files), so a
/// restart does not send it again.</summary>
public sealed record StatisticsState(EnergyTotals Lifetime, double SavingsEur, IReadOnlyList<DayTotals> Days, SessionState? Session,
    IReadOnlyList<PastSession>? Sessions = null, DateOnly? SummarisedMonth = null)
{
    public static readonly StatisticsState Empty = new(EnergyTotals.Zero, 0, [], null, []);

    /// <summary>Totals a written file cannot hold: a file that has them was damaged.</summary>
    public bool IsValid => Valid(Lifetime) && double.IsFinite(SavingsEur) && Days.All(d => Valid(d.Totals) && double.IsFinite(d.SavingsEur));

    private static bool Valid(EnergyTotals? t) => t is not null &&
        new[] { t.Charged, t.Discharged, t.ChargedFromPv, t.ChargedFromGrid, t.DischargedToHouse, t.DischargedToGrid }.All(e => e.KilowattHours >= 0) &&
        double.IsFinite(t.Charged.KilowattHours + t.Discharged.KilowattHours + t.ChargingCostEur + t.DischargeRevenueEur + t.EmissionsKg +
            t.ChargedFromPv.KilowattHours + t.ChargedFromGrid.KilowattHours + t.DischargedToHouse.KilowattHours + t.DischargedToGrid.KilowattHours +
            t.ByDestinationEur);
}
