namespace ChargeBridge.Core.Planning;

/// <summary>Turns a planning request into a schedule of 5-minute set points (local optimiser, FlexMeasures, baselines).</summary>
public interface IPlanner
{
    Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct);
}
