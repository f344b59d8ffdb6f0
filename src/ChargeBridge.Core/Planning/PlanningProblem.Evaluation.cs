using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

public sealed partial class PlanningProblem
{
    /// <summary>
    /// The schedule that applying <paramref name="setPointsW"/> (one per slot, grid side, + = charging) gives: SoC
    /// path, cost at the slot prices, degradation, emissions and target outcomes. Every planner reports through this,
    /// so a schedule's cost is by construction the cost of its set points.
    /// </summary>
    public Schedule Evaluate(IReadOnlyList<double> setPointsW)
    {
        if (setPointsW.Count != SlotCount)
            throw new ArgumentException($"expected {SlotCount} set points, got {setPointsW.Count}", nameof(setPointsW));
        var capacity = Request.Settings.Capacity;
        var slots = new ScheduleSlot[SlotCount];
        var stored = new double[SlotCount + 1];
        stored[0] = InitialKwh;
        double cost = 0, degradation = 0, emissions = 0;
        for (var t = 0; t < SlotCount; t++)
        {
            var gridKwh = setPointsW[t] / 1000 * SlotHours;
            if (gridKwh >= 0)
            {
                stored[t + 1] = stored[t] + gridKwh * ChargeEfficiency;
                cost += BuyPrice[t] * gridKwh;
            }
            else
            {
                stored[t + 1] = stored[t] + gridKwh / DischargeEfficiency;
                cost += SellPrice[t] * gridKwh;
                degradation -= Request.DegradationCost.EurPerKwh * gridKwh;
            }
            emissions += Intensity[t] * gridKwh;
            slots[t] = new ScheduleSlot(NodeTime(t), SlotLength, Power.FromWatts(setPointsW[t]),
                Percent.Of(Energy.FromKilowattHours(stored[t]), capacity),
                Percent.Of(Energy.FromKilowattHours(stored[t + 1]), capacity));
        }
        var outcomes = Targets
            .Select(t =>
            {
                var expected = Percent.Of(Energy.FromKilowattHours(stored[t.Node]), capacity);
                var shortfall = Math.Min(t.Target.Soc.Value, 100) - expected.Value;
                return new TargetOutcome(t.Target, expected, new Percent(shortfall > ShortfallTolerancePct ? shortfall : 0));
            })
            .ToList();
        return new Schedule(slots, cost, degradation, emissions, outcomes) { PriceGapsBridged = BridgedGaps, UnpricedFrom = UnpricedFrom };
    }

    /// <summary>
    /// The value the optimisers minimise for these set points: Σ import weight × energy drawn − Σ export weight ×
    /// energy fed back, plus the floor and ceiling penalties per kWh of violation at each node after the start, less the value of
    /// the energy left at the end.
    /// </summary>
    public double ObjectiveOf(IReadOnlyList<double> setPointsW)
    {
        double objective = 0, stored = InitialKwh;
        for (var t = 0; t < SlotCount; t++)
        {
            var gridKwh = setPointsW[t] / 1000 * SlotHours;
            objective += gridKwh >= 0 ? ImportWeight[t] * gridKwh : ExportWeight[t] * gridKwh;
            stored += gridKwh >= 0 ? gridKwh * ChargeEfficiency : gridKwh / DischargeEfficiency;
            objective += FloorPenaltyPerKwh * Math.Max(0, FloorKwh[t + 1] - stored)
                + CeilingPenaltyPerKwh * Math.Max(0, stored - CeilingKwh[t + 1]);
        }
        return objective - TerminalValuePerKwh * stored;
    }

    /// <summary>Shortfalls below this (in %-points) are rounding, not a missed target.</summary>
    public const double ShortfallTolerancePct = 1e-6;
}
