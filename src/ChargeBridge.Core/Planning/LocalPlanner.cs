namespace ChargeBridge.Core.Planning;

/// <summary>
/// The local optimiser: exact for <see cref="PlanningProblem"/>'s model with one set point per slot, solved by backward
/// dynamic programming on piecewise-linear value functions of the stored energy. Where every slot's charging costs at
/// least what its discharging earns (the usual case) the value functions are convex: <see cref="ConvexPiecewiseLinear"/>
/// and a forward pass from two levels per slot. Where a slot pays more for discharging than charging costs (negative
/// prices) "charge or discharge" makes them non-convex: <see cref="PiecewiseLinear"/> keeps every value function and
/// the forward pass takes each slot's best move from it. No SoC grid, so no discretisation error: the result is optimal
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
        var (upTo, downTo) = Thresholds(problem);
        var ηc = problem.ChargeEfficiency;
        var ηd = problem.DischargeEfficiency;
        var stored = problem.InitialKwh;
        for (var t = 0; t < n; t++)
        {
            var gridKwh = 0.0;
            if (stored < upTo[t]) gridKwh = Math.Min((upTo[t] - stored) / ηc, problem.MaxImportKwh[t]);
            else if (stored > downTo[t]) gridKwh = -Math.Min((stored - downTo[t]) * ηd, problem.MaxExportKwh[t]);
            setPoints[t] = gridKwh / problem.SlotHours * 1000;
            stored = Math.Clamp(stored + (gridKwh >= 0 ? gridKwh * ηc : gridKwh / ηd), 0, problem.CapacityKwh);
        }
        return setPoints;
    }

    /// <summary>
    /// Backward pass over V[k](s), the least cost from node k with s kWh stored to the horizon's end (penalties
    /// included). With V[k+1] convex, slot k's best move is to charge up to one level or discharge down to another
    /// (or stay between them), so only those two levels per slot are kept for the forward pass.
    /// </summary>
    private static (double[] UpTo, double[] DownTo) Thresholds(PlanningProblem problem)
    {
        var n = problem.SlotCount;
        var ηc = problem.ChargeEfficiency;
        var ηd = problem.DischargeEfficiency;
        var upTo = new double[n];
        var downTo = new double[n];
        var v = ConvexPiecewiseLinear.Linear(problem.CapacityKwh, -problem.TerminalValuePerKwh);
        v.AddFloorPenalty(problem.FloorKwh[n], problem.FloorPenaltyPerKwh);
        v.AddCeilingPenalty(problem.CeilingKwh[n], problem.CeilingPenaltyPerKwh);
        for (var k = n - 1; k >= 0; k--)
        {
            var chargeSlope = problem.ImportWeight[k] / ηc;
            var dischargeSlope = problem.ExportWeight[k] * ηd;
            (upTo[k], downTo[k]) = v.Thresholds(chargeSlope, dischargeSlope);
            if (k == 0) break;
            v.AddSlotChoice(problem.MaxImportKwh[k] * ηc, chargeSlope, problem.MaxExportKwh[k] / ηd, dischargeSlope);
            v.ClipTo(problem.CapacityKwh);
            v.AddFloorPenalty(problem.FloorKwh[k], problem.FloorPenaltyPerKwh);
            v.AddCeilingPenalty(problem.CeilingKwh[k], problem.CeilingPenaltyPerKwh);
        }
        return (upTo, downTo);
    }

    /// <summary>
    /// The exact plan when some slot is inverted: the value function after each slot, backwards, then from the SoC now
    /// each slot's best move on the value after it.
    /// </summary>
    private static double[] NonConvexSetPoints(PlanningProblem problem, double[] setPoints)
    {
        var n = problem.SlotCount;
        var ηc = problem.ChargeEfficiency;
        var ηd = problem.DischargeEfficiency;
        var after = new PiecewiseLinear[n];
        var v = PiecewiseLinear.Linear(problem.CapacityKwh, -problem.TerminalValuePerKwh)
            .WithPenalties(problem.FloorKwh[n], problem.FloorPenaltyPerKwh, problem.CeilingKwh[n], problem.CeilingPenaltyPerKwh);
        for (var k = n - 1; k >= 0; k--)
        {
            after[k] = v;
            if (k == 0) break;
            v = v.Before(problem.MaxImportKwh[k] * ηc, problem.ImportWeight[k] / ηc, problem.MaxExportKwh[k] / ηd, problem.ExportWeight[k] * ηd,
                problem.FloorKwh[k], problem.FloorPenaltyPerKwh, problem.CeilingKwh[k], problem.CeilingPenaltyPerKwh);
        }
        var stored = Math.Clamp(problem.InitialKwh, 0, problem.CapacityKwh);
        for (var t = 0; t < n; t++)
        {
            var next = after[t].BestMove(stored, problem.MaxImportKwh[t] * ηc, problem.ImportWeight[t] / ηc,
                problem.MaxExportKwh[t] / ηd, problem.ExportWeight[t] * ηd);
            var move = next - stored;
            var gridKwh = move >= 0 ? Math.Min(move / ηc, problem.MaxImportKwh[t]) : -Math.Min(-move * ηd, problem.MaxExportKwh[t]);
            setPoints[t] = gridKwh / problem.SlotHours * 1000;
            stored = next;
        }
        return setPoints;
    }
}
