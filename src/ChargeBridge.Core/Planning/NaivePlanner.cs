namespace ChargeBridge.Core.Planning;

/// <summary>
/// The baseline users get without a planner: full power from plug-in until max SoC (or a higher target in the
/// horizon) is reached, never discharging.
/// </summary>
public sealed class NaivePlanner : IPlanner
{
    public Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct) => Task.FromResult(Plan(request));

    public Schedule Plan(PlanRequest request)
    {
        var problem = PlanningProblem.From(request);
        var goal = problem.Request.Settings.MaxSoc.Of(request.Settings.Capacity).KilowattHours;
        foreach (var (_, node) in problem.Targets) goal = Math.Max(goal, problem.FloorKwh[node]);
        var setPoints = new double[problem.SlotCount];
        var stored = problem.InitialKwh;
        for (var t = 0; t < problem.SlotCount && stored < goal; t++)
        {
            var gridKwh = Math.Min(problem.MaxImportKwh[t], (goal - stored) / problem.ChargeEfficiency);
            setPoints[t] = gridKwh / problem.SlotHours * 1000;
            stored += gridKwh * problem.ChargeEfficiency;
        }
        return problem.Evaluate(setPoints);
    }
}
