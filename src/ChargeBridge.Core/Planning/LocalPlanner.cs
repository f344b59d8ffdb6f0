namespace ChargeBridge.Core.Planning;

/// <summary>
/// The local optimiser: exact for <see cref="PlanningProblem"/>'s model (a linear programme), solved by backward
/// dynamic programming on convex piecewise-linear value functions of the stored energy, then a forward pass that
/// picks each slot's set point. No SoC grid, so no discretisation error: the result is optimal up to floating-point
/// rounding. Work is O(slots × breakpoints), and breakpoints stay few because slots share prices.
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
        var values = ValueFunctions(problem);
        var ηc = problem.ChargeEfficiency;
        var ηd = problem.DischargeEfficiency;
        var hours = problem.SlotHours;
        var stored = problem.InitialKwh;
        for (var t = 0; t < n; t++)
        {
            var charge = problem.MaxImportKwh[t] * ηc;
            var discharge = problem.MaxExportKwh[t] / ηd;
            var next = values[t + 1].Minimiser(stored, stored - discharge, stored + charge,
                problem.ExportWeight[t] * ηd, problem.ImportWeight[t] / ηc);
            var delta = next - stored;
            var gridKwh = delta >= 0 ? Math.Min(delta / ηc, problem.MaxImportKwh[t]) : Math.Max(delta * ηd, -problem.MaxExportKwh[t]);
            setPoints[t] = gridKwh / hours * 1000;
            stored += gridKwh >= 0 ? gridKwh * ηc : gridKwh / ηd;
        }
        return setPoints;
    }

    /// <summary>V[k](s): least cost from node k with s kWh stored to the horizon's end, including penalties; V[0] is not needed.</summary>
    private static ConvexPiecewiseLinear[] ValueFunctions(PlanningProblem problem)
    {
        var n = problem.SlotCount;
        var capacity = problem.CapacityKwh;
        var values = new ConvexPiecewiseLinear[n + 1];
        var v = ConvexPiecewiseLinear.Linear(capacity, -problem.TerminalValuePerKwh);
        v.AddFloorPenalty(problem.FloorKwh[n], problem.FloorPenaltyPerKwh);
        v.AddCeilingPenalty(problem.CeilingKwh[n], problem.CeilingPenaltyPerKwh);
        values[n] = v.Copy();
        for (var k = n - 1; k >= 1; k--)
        {
            var ηc = problem.ChargeEfficiency;
            var ηd = problem.DischargeEfficiency;
            v.AddSlotChoice(problem.MaxImportKwh[k] * ηc, problem.ImportWeight[k] / ηc,
                problem.MaxExportKwh[k] / ηd, problem.ExportWeight[k] * ηd);
            v.ClipTo(capacity);
            v.AddFloorPenalty(problem.FloorKwh[k], problem.FloorPenaltyPerKwh);
            v.AddCeilingPenalty(problem.CeilingKwh[k], problem.CeilingPenaltyPerKwh);
            values[k] = v.Copy();
        }
        return values;
    }
}
