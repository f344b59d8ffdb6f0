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

        // Stored energy at a node given what is allocated so far: charge-only, so allocations before it all count.
        double StoredAt(int node)
        {
            var stored = problem.InitialKwh;
            for (var t = 0; t < node; t++) stored += chargedKwh[t] * ηc;
            return stored;
        }

        var minKwh = request.Settings.MinSoc.Of(request.Settings.Capacity).KilowattHours;
        for (var t = 0; t < n && StoredAt(t) < minKwh; t++)
            chargedKwh[t] = Math.Min(problem.MaxImportKwh[t], (minKwh - StoredAt(t)) / ηc);

        foreach (var (_, node) in problem.Targets)
        {
            var missing = problem.FloorKwh[node] - StoredAt(node);
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
