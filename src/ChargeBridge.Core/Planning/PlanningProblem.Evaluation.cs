using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

public sealed partial class PlanningProblem
{
    /// <summary>
    /// The schedule that applying <paramref name="setPointsW"/> (one per slot, grid side, + = charging) gives: SoC
    /// path, cost at the slot prices, degradation, emissions and target outcomes. Every planner reports through this,
    /// so a schedule's cost is by construction the cost of its set points. With a site the cost is the car's part of
    /// the site's grid cost (the site's cost with the car less without it), and the site's own grid energies per slot
    /// and its whole cost are reported beside it.
    /// </summary>
    public Schedule Evaluate(IReadOnlyList<double> setPointsW)
    {
        if (setPointsW.Count != SlotCount)
            throw new ArgumentException($"expected {SlotCount} set points, got {setPointsW.Count}", nameof(setPointsW));
        var capacity = Request.Settings.Capacity;
        var site = Request.Site is not null;
        var slots = new ScheduleSlot[SlotCount];
        var stored = new double[SlotCount + 1];
        stored[0] = InitialKwh;
        double cost = 0, siteCost = 0, degradation = 0, emissions = 0;
        for (var t = 0; t < SlotCount; t++)
        {
            var gridKwh = setPointsW[t] / 1000 * SlotHours;
            stored[t + 1] = stored[t] + (gridKwh >= 0 ? gridKwh * ChargeEfficiency : gridKwh / DischargeEfficiency);
            if (gridKwh < 0) degradation -= Request.DegradationCost.EurPerKwh * gridKwh;
            var net = BaseKwh[t] + gridKwh;
            var withCar = GridCost(t, net);
            cost += withCar - GridCost(t, BaseKwh[t]);
            siteCost += withCar;
            emissions += Intensity[t] * gridKwh;
            slots[t] = new ScheduleSlot(NodeTime(t), SlotLength, Power.FromWatts(setPointsW[t]),
                Percent.Of(Energy.FromKilowattHours(stored[t]), capacity),
                Percent.Of(Energy.FromKilowattHours(stored[t + 1]), capacity))
            {
                GridImport = site ? Energy.FromKilowattHours(Math.Max(0, net)) : null,
                GridExport = site ? Energy.FromKilowattHours(Math.Max(0, -net)) : null,
            };
        }
        var outcomes = Targets
            .Select(t =>
            {
                var expected = Percent.Of(Energy.FromKilowattHours(stored[t.Node]), capacity);
                var shortfall = Math.Min(t.Target.Soc.Value, 100) - expected.Value;
                return new TargetOutcome(t.Target, expected, new Percent(shortfall > ShortfallTolerancePct ? shortfall : 0));
            })
            .ToList();
        return new Schedule(slots, cost, degradation, emissions, outcomes)
        {
            PriceGapsBridged = BridgedGaps,
            UnpricedFrom = UnpricedFrom,
            SiteExpectedCostEur = site ? siteCost : null,
        };
    }

    /// <summary>What a net grid energy costs in slot <paramref name="t"/>: bought at the buy price, sold at the sell price (EUR).</summary>
    private double GridCost(int t, double netKwh) => netKwh >= 0 ? BuyPrice[t] * netKwh : SellPrice[t] * netKwh;

    /// <summary>
    /// The value the optimisers minimise for these set points: Σ of each slot's <see cref="CostOf">cost</see> of its
    /// move (without a site: import weight × energy drawn − export weight × energy fed back), plus the floor and ceiling penalties per kWh of violation at each node after the start, less the value of
    /// the energy left at the end.
    /// </summary>
    public double ObjectiveOf(IReadOnlyList<double> setPointsW)
    {
        double objective = 0, stored = InitialKwh;
        for (var t = 0; t < SlotCount; t++)
        {
            var gridKwh = setPointsW[t] / 1000 * SlotHours;
            objective += CostOf(t).Of(gridKwh);
            stored += gridKwh >= 0 ? gridKwh * ChargeEfficiency : gridKwh / DischargeEfficiency;
            objective += FloorPenaltyPerKwh * Math.Max(0, FloorKwh[t + 1] - stored)
                + CeilingPenaltyPerKwh * Math.Max(0, stored - CeilingKwh[t + 1]);
        }
        return objective - TerminalValuePerKwh * stored;
    }

    /// <summary>Shortfalls below this (in %-points) are rounding, not a missed target.</summary>
    public const double ShortfallTolerancePct = 1e-6;
}
