using ChargeBridge.Core.Planning;
using Google.OrTools.LinearSolver;

namespace ChargeBridge.SitePlanning;

/// <summary>
/// <see cref="SiteProblem"/> as an OR-Tools linear program: per device and slot import and export (kWh, grid side),
/// per node stored energy and floor/ceiling shortfalls; per slot grid import and export tied to the net by
/// house − PV + Σ (import − export) = grid import − grid export. Binaries only where <see cref="SiteProblem"/> says
/// doing two things at once would pay; then SCIP solves it, otherwise GLOP.
/// </summary>
internal sealed class SiteLinearModel : IDisposable
{
    private readonly SiteProblem _problem;
    private readonly Solver _solver;
    private readonly bool _mixedInteger;
    private readonly Variable[][] _import;
    private readonly Variable[][] _export;
    private readonly List<Variable> _gridExcess = [];

    /// <summary>
    /// A shortfall weighs this much more (relative) at the first node than at the last, falling linearly: when the grid
    /// cannot carry every target, the earlier target is met first (between cars of equal efficiency: otherwise the one
    /// that stores more of each kWh drawn is served first, as the least shortfall in kWh comes before any order), and a
    /// car below min SoC is charged at once. Far below any price's share of a shortfall penalty; the reported objective
    /// leaves it out.
    /// </summary>
    private const double EarlierFirst = 1e-7;

    public SiteLinearModel(SiteProblem problem)
    {
        _problem = problem;
        _mixedInteger = !problem.IsConvex;
        _solver = Solver.CreateSolver(_mixedInteger ? "SCIP" : "GLOP")
            ?? throw new InvalidOperationException($"OR-Tools has no {(_mixedInteger ? "SCIP" : "GLOP")} solver on this platform");
        var objective = _solver.Objective();
        objective.SetMinimization();
        var n = problem.SlotCount;
        _import = new Variable[problem.Devices.Count][];
        _export = new Variable[problem.Devices.Count][];
        var devicesInSlot = new List<(Variable Import, Variable Export)>[n];
        for (var t = 0; t < n; t++) devicesInSlot[t] = [];

        for (var d = 0; d < problem.Devices.Count; d++)
        {
            var p = problem.Devices[d];
            var slots = p.SlotCount;
            _import[d] = new Variable[slots];
            _export[d] = new Variable[slots];
            var stored = _solver.MakeNumVar(p.InitialKwh, p.InitialKwh, "");
            for (var t = 0; t < slots; t++)
            {
                var import = _import[d][t] = _solver.MakeNumVar(0, p.MaxImportKwh[t], "");
                var export = _export[d][t] = _solver.MakeNumVar(0, p.MaxExportKwh[t], "");
                var next = _solver.MakeNumVar(0, p.CapacityKwh, "");
                // next = stored + ηc·import − export/ηd
                var dynamics = _solver.MakeConstraint(0, 0, "");
                dynamics.SetCoefficient(next, 1);
                dynamics.SetCoefficient(stored, -1);
                dynamics.SetCoefficient(import, -p.ChargeEfficiency);
                dynamics.SetCoefficient(export, 1 / p.DischargeEfficiency);
                objective.SetCoefficient(export, problem.WearPerKwh[d]);
                devicesInSlot[t].Add((import, export));
                if (problem.DeviceIsInverted(d, t)) OneDirection(import, p.MaxImportKwh[t], export, p.MaxExportKwh[t]);

                var floor = p.FloorKwh[t + 1];
                if (floor > 0)
                {
                    var under = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                    var c = _solver.MakeConstraint(floor, double.PositiveInfinity, "");
                    c.SetCoefficient(next, 1);
                    c.SetCoefficient(under, 1);
                    objective.SetCoefficient(under, p.FloorPenaltyPerKwh * (1 + EarlierFirst * (n - t) / n));
                }
                var ceiling = p.CeilingKwh[t + 1];
                if (ceiling < p.CapacityKwh)
                {
                    var over = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                    var c = _solver.MakeConstraint(double.NegativeInfinity, ceiling, "");
                    c.SetCoefficient(next, 1);
                    c.SetCoefficient(over, -1);
                    objective.SetCoefficient(over, p.CeilingPenaltyPerKwh);
                }
                stored = next;
            }
            objective.SetCoefficient(stored, -p.TerminalValuePerKwh);
        }

        for (var t = 0; t < n; t++)
        {
            var gridImport = _solver.MakeNumVar(0, problem.MaxGridImportKwh[t], "");
            var gridExport = _solver.MakeNumVar(0, problem.MaxGridExportKwh[t], "");
            objective.SetCoefficient(gridImport, problem.ImportWeight[t]);
            objective.SetCoefficient(gridExport, -problem.ExportWeight[t]);
            // grid import − grid export − Σ devices (import − export) = house − PV
            var balance = _solver.MakeConstraint(problem.HouseKwh[t] - problem.PvKwh[t], problem.HouseKwh[t] - problem.PvKwh[t], "");
            balance.SetCoefficient(gridImport, 1);
            balance.SetCoefficient(gridExport, -1);
            foreach (var (import, export) in devicesInSlot[t])
            {
                balance.SetCoefficient(import, -1);
                balance.SetCoefficient(export, 1);
            }
            if (double.IsFinite(problem.MaxGridImportKwh[t])) AddGridExcess(gridImport, problem.MaxGridImportKwh[t]);
            if (double.IsFinite(problem.MaxGridExportKwh[t])) AddGridExcess(gridExport, problem.MaxGridExportKwh[t]);
            if (problem.NetIsInverted(t))
            {
                var (mostImport, mostExport) = problem.MostNetKwh(t);
                OneDirection(gridImport, mostImport, gridExport, mostExport);
            }
        }
    }

    public Solver.ResultStatus Solve()
    {
        using var parameters = new MPSolverParameters();
        if (_mixedInteger)
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, SitePlanner.RelativeMipGap);
            _solver.SetTimeLimit((long)SitePlanner.MipTimeLimit.TotalMilliseconds);
        }
        else
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, SitePlanner.FeasibilityTolerance);
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.DUAL_TOLERANCE, SitePlanner.FeasibilityTolerance);
        }
        return _solver.Solve(parameters);
    }

    /// <summary>Lets every grid limit be exceeded at the penalty: for a site whose limits cannot be kept at all.</summary>
    public void AllowGridExcess()
    {
        foreach (var excess in _gridExcess) excess.SetUb(double.PositiveInfinity);
    }

    /// <summary>The solution's energies per device and slot (kWh, grid side), both ≥ 0; a slot may hold both.</summary>
    public (double[][] ImportKwh, double[][] ExportKwh) Energies() =>
        (_import.Select(slots => slots.Select(v => Math.Max(0, v.SolutionValue())).ToArray()).ToArray(),
         _export.Select(slots => slots.Select(v => Math.Max(0, v.SolutionValue())).ToArray()).ToArray());

    /// <summary>How far the plan found may be from the optimum, relative to its objective: 0 for an LP or a proven MILP.</summary>
    public double ProvenGap()
    {
        if (!_mixedInteger) return 0;
        var objective = _solver.Objective();
        return Math.Max(0, objective.Value() - objective.BestBound()) / Math.Max(1, Math.Abs(objective.Value()));
    }

    public void Dispose() => _solver.Dispose();

    /// <summary>An excess variable beyond a grid limit, fixed at 0 until <see cref="AllowGridExcess"/>: the grid
    /// variable's bound is lifted and the excess, penalised, must cover what lies above the limit.</summary>
    private void AddGridExcess(Variable grid, double limit)
    {
        var excess = _solver.MakeNumVar(0, 0, "");
        grid.SetUb(double.PositiveInfinity);
        var c = _solver.MakeConstraint(double.NegativeInfinity, limit, "");
        c.SetCoefficient(grid, 1);
        c.SetCoefficient(excess, -1);
        _solver.Objective().SetCoefficient(excess, _problem.GridPenaltyPerKwh);
        _gridExcess.Add(excess);
    }

    /// <summary>A binary that lets either <paramref name="up"/> or <paramref name="down"/> be above 0, not both.</summary>
    private void OneDirection(Variable up, double upMost, Variable down, double downMost)
    {
        var upward = _solver.MakeBoolVar("");
        var c1 = _solver.MakeConstraint(double.NegativeInfinity, 0, "");
        c1.SetCoefficient(up, 1);
        c1.SetCoefficient(upward, -upMost);
        var c2 = _solver.MakeConstraint(double.NegativeInfinity, downMost, "");
        c2.SetCoefficient(down, 1);
        c2.SetCoefficient(upward, downMost);
    }
}
