using System.Text.Json.Serialization;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// What the car took from and gave back to the grid: energies (each ≥ 0), what charging cost and discharging earned
/// (EUR, either can be negative with negative prices), and the net CO₂ (kg: charged minus displaced by discharging).
/// <para>
/// The charged energy split by source: <see cref="ChargedFromPv"/> (the site's surplus) and <see cref="ChargedFromGrid"/>;
/// the discharged energy by destination: <see cref="DischargedToHouse"/> (V2H, load that would otherwise have been
/// imported) and <see cref="DischargedToGrid"/> (exported). The rule is <see cref="EnergySources"/>'. Energy counted
/// without a site reading, or before the split existed (a file saved by an older version has none of these four,
/// which load as 0), is in neither part: <see cref="ChargedUnattributed"/> and <see cref="DischargedUnattributed"/>.
/// <see cref="Charged"/> and <see cref="Discharged"/> count all of it, as always.
/// </para>
/// </summary>
public sealed record EnergyTotals(
    Energy Charged,
    Energy Discharged,
    double ChargingCostEur,
    double DischargeRevenueEur,
    double EmissionsKg,
    Energy ChargedFromPv = default,
    Energy ChargedFromGrid = default,
    Energy DischargedToHouse = default,
    Energy DischargedToGrid = default,
    double V2gRevenueEur = 0,
    double V2hSavingsEur = 0,
    double SolarSavingsEur = 0)
{
    /// <summary>What the car's energy saved or earned by where it went: fed to the grid at the sell price
    /// (<see cref="V2gRevenueEur"/>), imports the house did not need at the buy price (<see cref="V2hSavingsEur"/>), and
    /// PV surplus charged instead of grid energy at buy less sell (<see cref="SolarSavingsEur"/>: what exporting it
    /// would have earned is given up). Energy of unknown source or destination counts in none of them.</summary>
    [JsonIgnore]
    public double ByDestinationEur => V2gRevenueEur + V2hSavingsEur + SolarSavingsEur;

    public static readonly EnergyTotals Zero = new(Energy.Zero, Energy.Zero, 0, 0, 0);

    public double NetCostEur => ChargingCostEur - DischargeRevenueEur;

    /// <summary>Charged energy whose source is unknown: <see cref="Charged"/> − from PV − from the grid (never below 0).</summary>
    [JsonIgnore]
    public Energy ChargedUnattributed => NotBelowZero(Charged - ChargedFromPv - ChargedFromGrid);

    /// <summary>Discharged energy whose destination is unknown: <see cref="Discharged"/> − to the house − to the grid (never below 0).</summary>
    [JsonIgnore]
    public Energy DischargedUnattributed => NotBelowZero(Discharged - DischargedToHouse - DischargedToGrid);

    public static EnergyTotals Of(EnergySample sample, TimeSpan interval)
    {
        var grid = sample.Power.Over(interval);
        var kgPerKwh = (sample.Intensity?.GramsPerKwh ?? 0) / 1000;
        var local = EnergySources.LocalShare(sample.Power, sample.Site);
        if (sample.Power.IsDischarging)
        {
            var discharged = -grid;
            var (toHouse, toGrid) = local is { } share ? (discharged * share, discharged - discharged * share) : (Energy.Zero, Energy.Zero);
            var sell = sample.SellPrice ?? sample.BuyPrice;
            return new EnergyTotals(Energy.Zero, discharged, 0, sell.CostOf(discharged), kgPerKwh * grid.KilowattHours,
                DischargedToHouse: toHouse, DischargedToGrid: toGrid, V2gRevenueEur: sell.CostOf(toGrid), V2hSavingsEur: sample.BuyPrice.CostOf(toHouse));
        }
        var (fromPv, fromGrid) = local is { } part ? (grid * part, grid - grid * part) : (Energy.Zero, Energy.Zero);
        var given = (sample.SellPrice ?? sample.BuyPrice).CostOf(fromPv);
        return new EnergyTotals(grid, Energy.Zero, sample.BuyPrice.CostOf(grid), 0, kgPerKwh * grid.KilowattHours,
            ChargedFromPv: fromPv, ChargedFromGrid: fromGrid, SolarSavingsEur: sample.BuyPrice.CostOf(fromPv) - given);
    }

    public static EnergyTotals operator +(EnergyTotals a, EnergyTotals b) => new(
        a.Charged + b.Charged, a.Discharged + b.Discharged, a.ChargingCostEur + b.ChargingCostEur,
        a.DischargeRevenueEur + b.DischargeRevenueEur, a.EmissionsKg + b.EmissionsKg,
        a.ChargedFromPv + b.ChargedFromPv, a.ChargedFromGrid + b.ChargedFromGrid,
        a.DischargedToHouse + b.DischargedToHouse, a.DischargedToGrid + b.DischargedToGrid,
        a.V2gRevenueEur + b.V2gRevenueEur, a.V2hSavingsEur + b.V2hSavingsEur, a.SolarSavingsEur + b.SolarSavingsEur);

    private static Energy NotBelowZero(Energy e) => e < Energy.Zero ? Energy.Zero : e;
}
