using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Client;

namespace ChargeBridge.FlexMeasures.Planning;

/// <summary>
/// Plans with FlexMeasures: triggers a schedule for the request's planning problem, polls it, checks it and reports
/// it through the same evaluation as the local optimiser (SoC path, cost, targets). Throws a
/// <see cref="FlexMeasuresException"/> when no usable schedule comes; <see cref="FallbackPlanner"/> handles that.
/// </summary>
public sealed class FlexMeasuresPlanner(FlexMeasuresClient client, FlexMeasuresPlannerOptions options) : IPlanner
{
    public async Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct)
    {
        var problem = PlanningProblem.From(request);
        if (problem.SlotCount == 0)
            throw new FlexMeasuresInvalidScheduleException("Nothing to plan: there are no prices from the start time on.");
        var trigger = FlexMeasuresTrigger.From(problem, options);
        var job = options.AssetId is { } asset
            ? await client.TriggerAssetScheduleAsync(asset, options.PowerSensor, trigger, ct)
            : await client.TriggerSensorScheduleAsync(options.PowerSensor, trigger, ct);
        var schedule = await client.GetScheduleAsync(options.PowerSensor, job, trigger.Duration, ct);
        return problem.Evaluate(ScheduleCheck.SetPointsW(schedule, problem));
    }
}
