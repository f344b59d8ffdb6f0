using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using Google.OrTools.LinearSolver;

namespace ChargeBridge.SitePlanning;

/// <summary>
/// Plans several loadpoints and a house battery together against one grid connection (<see cref="SiteProblem"/>), with
/// OR-Tools' linear solver: GLOP (an LP) when the model is convex, which is the usual case; SCIP (a MILP) with a binary
/// only in the slots where doing two things at once would pay — a device charging and discharging at once (negative
/// prices, or where the export limit may bind) or the site importing and exporting at once (sell above buy). Grid limits are
/// hard; when they cannot be kept at all (the house alone above the import limit) the plan is solved again with the
/// excess allowed at <see cref="SiteProblem.GridPenaltyPerKwh"/>, so a plan always comes back.
/// </summary>
/// <remarks>Tolerances: LP primal and dual feasibility <see cref="FeasibilityTolerance"/>; MILP relative gap <see cref="RelativeMipGap"/>.</remarks>
public sealed class SitePlanner
{
    /// <summary>GLOP's primal and dual feasibility tolerance (kWh and objective units per kWh).</summary>
    public const double FeasibilityTolerance = 1e-9;

    /// <summary>SCIP stops when its incumbent is proven within this fraction of the optimum.</summary>
    public const double RelativeMipGap = 1e-7;

    /// <summary>A MILP not proven optimal by then returns the best plan found so far, with its gap
    /// (<see cref="SiteSchedule.ProvenGap"/>): on 5-minute slots through hours of negative prices SCIP finds the optimum
    /// quickly but proving it can take minutes (hundreds of alike binaries).</summary>
    public static readonly TimeSpan MipTimeLimit = TimeSpan.FromSeconds(20);

    public SiteSchedule Plan(SitePlanRequest request)
    {
        var problem = SiteProblem.From(request);
        var solution = Solve(problem);
        return Evaluate(problem, solution.SetPointsW) with { ProvenGap = solution.ProvenGap };
    }

    /// <summary>The optimal set points (W, grid side, + = charging) of every device of <paramref name="problem"/>, one
    /// array per device of that device's slot count, each slot one direction only, and the gap proven.</summary>
    public static SiteSolution Solve(SiteProblem problem)
    {
        using var model = new SiteLinearModel(problem);
        var status = model.Solve();
        if (status == Solver.ResultStatus.INFEASIBLE && problem.HasGridLimit)
        {
            model.AllowGridExcess();
            status = model.Solve();
        }
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
            throw new InvalidOperationException($"the site model could not be solved ({status})");
        var (import, export) = model.Energies();
        return new SiteSolution(OneDirection(problem, import, export), model.ProvenGap());
    }

    /// <summary>The site schedule those set points give: each device's schedule through its own model, the grid per slot.</summary>
    public static SiteSchedule Evaluate(SiteProblem problem, IReadOnlyList<double[]> setPointsW)
    {
        var schedules = problem.Devices.Select((d, i) => d.Evaluate(setPointsW[i])).ToList();
        var grid = new SiteGridSlot[problem.SlotCount];
        double cost = 0, excess = 0;
        for (var t = 0; t < problem.SlotCount; t++)
        {
            var net = problem.NetKwh(setPointsW, t);
            var (import, export) = (Math.Max(0, net), Math.Max(0, -net));
            cost += problem.BuyPrice[t] * import - problem.SellPrice[t] * export;
            excess += Math.Max(0, import - problem.MaxGridImportKwh[t]) + Math.Max(0, export - problem.MaxGridExportKwh[t]);
            grid[t] = new SiteGridSlot(problem.NodeTime(t), problem.Request.SlotLength, import, export, problem.HouseKwh[t], problem.PvKwh[t]);
        }
        var wear = schedules.Sum(s => s.DegradationCostEur);
        return new SiteSchedule(schedules.Take(problem.LoadpointCount).ToList(), problem.Battery is null ? null : schedules[^1], grid,
            cost, wear, problem.ObjectiveOf(setPointsW))
        {
            GridLimitExcessKwh = excess,
        };
    }

    /// <summary>
    /// One set point per slot from the solver's energies. Where a device charges and discharges at once (the solver may,
    /// where it gains nothing by it: a tie, as when the export limit binds and stored energy is worth 0) the slot becomes
    /// the one move that keeps either its change in stored energy or its grid energy, whichever gives the lower
    /// objective without leaving [0, capacity].
    /// </summary>
    private static double[][] OneDirection(SiteProblem problem, double[][] importKwh, double[][] exportKwh)
    {
        var setPoints = problem.Devices.Select((device, d) => Enumerable.Range(0, device.SlotCount)
            .Select(t => KeepStored(device, importKwh[d][t], exportKwh[d][t])).ToArray()).ToArray();
        var objective = problem.ObjectiveOf(setPoints);
        for (var d = 0; d < setPoints.Length; d++)
        {
            var device = problem.Devices[d];
            for (var t = 0; t < device.SlotCount; t++)
            {
                if (importKwh[d][t] <= CyclingKwh || exportKwh[d][t] <= CyclingKwh) continue;
                var kept = setPoints[d][t];
                setPoints[d][t] = Power.FromKilowatts((importKwh[d][t] - exportKwh[d][t]) / problem.SlotHours).Watts;
                var other = problem.ObjectiveOf(setPoints);
                if (other < objective && WithinCapacity(device, setPoints[d])) objective = other;
                else setPoints[d][t] = kept;
            }
        }
        return setPoints;
    }

    /// <summary>Energies below this (kWh) are solver noise, not cycling.</summary>
    private const double CyclingKwh = 1e-9;

    /// <summary>The one move with the same change in stored energy as charging and discharging these energies (W).</summary>
    private static double KeepStored(PlanningProblem device, double importKwh, double exportKwh)
    {
        var stored = importKwh * device.ChargeEfficiency - exportKwh / device.DischargeEfficiency;
        var gridKwh = stored >= 0 ? stored / device.ChargeEfficiency : stored * device.DischargeEfficiency;
        return Power.FromKilowatts(gridKwh / device.SlotHours).Watts;
    }

    private static bool WithinCapacity(PlanningProblem device, double[] setPointsW)
    {
        var stored = device.InitialKwh;
        foreach (var w in setPointsW)
        {
            var gridKwh = w / 1000 * device.SlotHours;
            stored += gridKwh >= 0 ? gridKwh * device.ChargeEfficiency : gridKwh / device.DischargeEfficiency;
            if (stored < -CyclingKwh || stored > device.CapacityKwh + CyclingKwh) return false;
        }
        return true;
    }
}
