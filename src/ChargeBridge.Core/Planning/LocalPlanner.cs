namespace ChargeBridge.Core.Planning;

/// <summary>
/// The local optimiser: exact for <see cref="PlanningProblem"/>'s model with one set point per slot, solved by backward
/// dynamic programming on piecewise-linear value functions of the stored energy. Each slot's cost is a piecewise-linear
/// function of the move (<see cref="SlotCost"/>: with a site, kinked where the car's power meets PV − house). Where
/// every slot's cost is convex (the usual case: selling never pays more than buying, charging costs at least what
/// discharging earns) so are the value functions: <see cref="ConvexPiecewiseLinear"/> and a forward pass from a few
/// levels per slot. Otherwise (sell above buy, negative prices) "charge or discharge" and the kinks make them
/// non-convex: <see cref="PiecewiseLinear"/> keeps every value function and the forward pass takes each slot's best
/// move from it. No SoC grid, so no discretisation error: the result is optimal
/// up to floating-point rounding. Work is O(slots × breakpoints), and breakpoints stay few because slots share prices.
/// </summary>
public sealed class LocalPlanner : IPlanner
{
    public Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct) => Task.FromResult(Plan(request));

    public Schedule Plan(PlanRequest request)
    {
        var problem = PlanningProblem.From(request);
        return problem.Evaluate(SetPoints(problem));
    }

    /// <summary>The optimal set points (W, grid side) of <paramref name="problem"/>.</summary>
    public static double[] SetPoints(PlanningProblem problem)
    {
        var n = problem.SlotCount;
        var setPoints = new double[n];
        if (n == 0) return setPoints;
        if (problem.HasInvertedSlot) return NonConvexSetPoints(problem, setPoints);
        var levels = Thresholds(problem, 0, out _);
        var stored = problem.InitialKwh;
        for (var t = 0; t < n; t++) stored = ConvexMove(problem, t, levels[t], stored, setPoints);
        return setPoints;
    }

    /// <summary>
    /// Slot <paramref name="t"/>'s move from <paramref name="stored"/> kWh where its cost and the value after it are convex:
    /// towards the slot's levels, a convex cost's segments used in order (the second only once the first is used up).
    /// Writes the set point and returns the stored energy after the slot.
    /// </summary>
    private static double ConvexMove(PlanningProblem problem, int t, Levels level, double stored, double[] setPoints)
    {
        var (ηc, ηd) = (problem.ChargeEfficiency, problem.DischargeEfficiency);
        var cost = problem.CostOf(t);
        var gridKwh = 0.0;
        if (stored < level.UpTo1)
        {
            gridKwh = Math.Min((level.UpTo1 - stored) / ηc, cost.ChargeKwh1);
            if (gridKwh >= cost.ChargeKwh1 && cost.ChargeKwh2 > 0)
                gridKwh += Math.Clamp((level.UpTo2 - stored) / ηc - cost.ChargeKwh1, 0, cost.ChargeKwh2);
        }
        else if (stored > level.DownTo1)
        {
            gridKwh = -Math.Min((stored - level.DownTo1) * ηd, cost.DischargeKwh1);
            if (-gridKwh >= cost.DischargeKwh1 && cost.DischargeKwh2 > 0)
                gridKwh -= Math.Clamp((stored - level.DownTo2) * ηd - cost.DischargeKwh1, 0, cost.DischargeKwh2);
        }
        setPoints[t] = gridKwh / problem.SlotHours * 1000;
        return Math.Clamp(stored + (gridKwh >= 0 ? gridKwh * ηc : gridKwh / ηd), 0, problem.CapacityKwh);
    }

    /// <summary>Per slot, the stored energy to charge up to (or discharge down to) on each segment of its cost.</summary>
    private readonly record struct Levels(double UpTo1, double DownTo1, double UpTo2, double DownTo2);

    /// <summary>
    /// Backward pass over V[k](s), the least cost from node k with s kWh stored to the horizon's end (penalties
    /// included), for the slots from <paramref name="first"/> on, whose costs must be convex. With V[k+1] convex, slot
    /// k's best move charges up to one level per charge segment of its cost or discharges down to one level per discharge
    /// segment (or stays between them), so only those levels are kept for the forward pass. <paramref name="value"/> is
    /// V[first] where first &gt; 0.
    /// </summary>
    private static Levels[] Thresholds(PlanningProblem problem, int first, out ConvexPiecewiseLinear value)
    {
        var n = problem.SlotCount;
        var ηc = problem.ChargeEfficiency;
        var ηd = problem.DischargeEfficiency;
        var levels = new Levels[n];
        var v = ConvexPiecewiseLinear.Linear(problem.CapacityKwh, -problem.TerminalValuePerKwh);
        v.AddFloorPenalty(problem.FloorKwh[n], problem.FloorPenaltyPerKwh);
        v.AddCeilingPenalty(problem.CeilingKwh[n], problem.CeilingPenaltyPerKwh);
        for (var k = n - 1; k >= first; k--)
        {
            var cost = problem.CostOf(k);
            var (upTo1, downTo1) = v.Thresholds(cost.ChargeWeight1 / ηc, cost.DischargeWeight1 * ηd);
            var (upTo2, downTo2) = cost.ChargeKwh2 > 0 || cost.DischargeKwh2 > 0
                ? v.Thresholds(cost.ChargeWeight2 / ηc, cost.DischargeWeight2 * ηd)
                : (upTo1, downTo1);
            levels[k] = new Levels(upTo1, downTo1, upTo2, downTo2);
            if (k == 0) break;
            v.AddSlotChoice(cost, ηc, ηd);
            v.ClipTo(problem.CapacityKwh);
            v.AddFloorPenalty(problem.FloorKwh[k], problem.FloorPenaltyPerKwh);
            v.AddCeilingPenalty(problem.CeilingKwh[k], problem.CeilingPenaltyPerKwh);
        }
        value = v;
        return levels;
    }

    /// <summary>
    /// The exact plan when some slot's cost is not convex: the value function after each slot, backwards, then from the
    /// SoC now each slot's best move on the value after it. The slots after the last inverted one are convex, and so is
    /// the value there: they take the convex method and hand its value function over. Each other value function is
    /// kept only on the stored energy the car can reach by then from now (<see cref="Reach"/>): the forward pass never
    /// looks elsewhere, and the early slots, whose functions carry the most breakpoints, see a fraction of the battery.
    /// </summary>
    private static double[] NonConvexSetPoints(PlanningProblem problem, double[] setPoints)
    {
        var n = problem.SlotCount;
        var ηc = problem.ChargeEfficiency;
        var ηd = problem.DischargeEfficiency;
        var convexFrom = n;
        while (!problem.IsInverted(convexFrom - 1)) convexFrom--;
        var levels = Thresholds(problem, convexFrom, out var tail);
        var stored = Math.Clamp(problem.InitialKwh, 0, problem.CapacityKwh);
        var (low, high) = Reach(problem, stored);
        var after = new PiecewiseLinear[convexFrom];
        var v = convexFrom == n
            ? PiecewiseLinear.Linear(problem.CapacityKwh, -problem.TerminalValuePerKwh)
                .WithPenalties(problem.FloorKwh[n], problem.FloorPenaltyPerKwh, problem.CeilingKwh[n], problem.CeilingPenaltyPerKwh)
            : PiecewiseLinear.Of(tail);
        v = v.Clip(low[convexFrom], high[convexFrom]);
        for (var k = convexFrom - 1; k >= 0; k--)
        {
            after[k] = v;
            if (k == 0) break;
            v = v.Before(problem.CostOf(k), ηc, ηd, problem.FloorKwh[k], problem.FloorPenaltyPerKwh, problem.CeilingKwh[k], problem.CeilingPenaltyPerKwh,
                low[k], high[k]);
        }
        for (var t = 0; t < convexFrom; t++)
        {
            var next = after[t].BestMove(stored, problem.CostOf(t), ηc, ηd);
            var move = next - stored;
            var gridKwh = move >= 0 ? Math.Min(move / ηc, problem.MaxImportKwh[t]) : -Math.Min(-move * ηd, problem.MaxExportKwh[t]);
            setPoints[t] = gridKwh / problem.SlotHours * 1000;
            stored = next;
        }
        for (var t = convexFrom; t < n; t++) stored = ConvexMove(problem, t, levels[t], stored, setPoints);
        return setPoints;
    }

    /// <summary>
    /// Per node, the stored energy the car can reach from <paramref name="stored"/> now, kWh, widened by a watt-hour
    /// each way so that no interval is empty and rounding in the forward pass stays inside. Each node's interval holds
    /// every move from the one before, so the value after a slot is exact on it.
    /// </summary>
    private static (double[] Low, double[] High) Reach(PlanningProblem problem, double stored)
    {
        const double marginKwh = 0.001;
        var n = problem.SlotCount;
        var (low, high) = (new double[n + 1], new double[n + 1]);
        low[0] = Math.Max(0, stored - marginKwh);
        high[0] = Math.Min(problem.CapacityKwh, stored + marginKwh);
        for (var t = 0; t < n; t++)
        {
            low[t + 1] = Math.Max(0, low[t] - problem.MaxExportKwh[t] / problem.DischargeEfficiency);
            high[t + 1] = Math.Min(problem.CapacityKwh, high[t] + problem.MaxImportKwh[t] * problem.ChargeEfficiency);
        }
        return (low, high);
    }
}
