using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// What the car took from and gave back to the grid: energies (each ≥ 0), what charging cost and discharging earned
/// (EUR, either can be negative with negative prices), and the net CO₂ (kg: charged minus displaced by discharging).
/// </summary>
public sealed record EnergyTotals(Energy Charged, Energy Discharged, double ChargingCostEur, double DischargeRevenueEur, double EmissionsKg)
{
    public static readonly EnergyTotals Zero = new(Energy.Zero, Energy.Zero, 0, 0, 0);

    public double NetCostEur => ChargingCostEur - DischargeRevenueEur;

    public static EnergyTotals Of(EnergySample sample, TimeSpan interval)
    {
        var grid = sample.Power.Over(interval);
        var kgPerKwh = (sample.Intensity?.GramsPerKwh ?? 0) / 1000;
        return sample.Power.IsDischarging
            ? new EnergyTotals(Energy.Zero, -grid, 0, (sample.SellPrice ?? sample.BuyPrice).CostOf(-grid), kgPerKwh * grid.KilowattHours)
            : new EnergyTotals(grid, Energy.Zero, sample.BuyPrice.CostOf(grid), 0, kgPerKwh * grid.KilowattHours);
    }

    public static EnergyTotals operator +(EnergyTotals a, EnergyTotals b) => new(
        a.Charged + b.Charged, a.Discharged + b.Discharged, a.ChargingCostEur + b.ChargingCostEur,
        a.DischargeRevenueEur + b.DischargeRevenueEur, a.EmissionsKg + b.EmissionsKg);
}
