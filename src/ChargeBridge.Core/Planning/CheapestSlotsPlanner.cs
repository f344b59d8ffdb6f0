namespace ChargeBridge.Core.Planning;

/// <summary>
/// The baseline of popular chargers' planners, charge-only: below min SoC charge at once; then, target by target,
/// sort the slots before the target by buy price and charge at full power in the cheapest until the energy is covered.
/// </summary>
public sealed class CheapestSlotsPlanner : IPlanner
{
    public Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct) => Task.FromResult(Plan(request));

    public Schedule Plan(PlanRequest request)
    {
        var problem = PlanningProblem.From(request);
        var n = problem.SlotCount;
        var chargedKwh = new double[n];
        var ηc = problem.ChargeEfficiency;

        var minKwh = request.Settings.MinSoc.Of(request.Settings.Capacity).KilowattHours;
        var stored = problem.InitialKwh;
        for (var t = 0; t < n && stored < minKwh; t++)
        {
            chargedKwh[t] = Math.Min(problem.MaxImportKwh[t], (minKwh - stored) / ηc);
            stored += chargedKwh[t] * ηc;
        }

        foreach (var (_, node) in problem.Targets)
        {
            // Charge-only: whatever is allocated before the node counts towards it.
            var missing = problem.FloorKwh[node] - problem.InitialKwh - chargedKwh.Take(node).Sum() * ηc;
            if (missing <= 0) continue;
            var byPrice = Enumerable.Range(0, node).OrderBy(t => problem.BuyPrice[t]).ThenBy(t => t);
            foreach (var t in byPrice)
            {
                if (missing <= 0) break;
                var add = Math.Min(problem.MaxImportKwh[t] - chargedKwh[t], missing / ηc);
                if (add <= 0) continue;
                chargedKwh[t] += add;
                missing -= add * ηc;
            }
        }
        return problem.Evaluate(chargedKwh.Select(kwh => kwh / problem.SlotHours * 1000).ToArray());
    }
}
