using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Client;

namespace ChargeBridge.FlexMeasures.Planning;

/// <summary>Turns a FlexMeasures schedule into grid-side set points in W, one per slot, or says why it cannot be used.</summary>
internal static class ScheduleCheck
{
    public static double[] SetPointsW(FlexMeasuresSchedule schedule, PlanningProblem problem)
    {
        var factor = schedule.Unit switch
        {
            "MW" => 1_000_000,
            "kW" => 1_000,
            "W" => 1,
            _ => throw Invalid($"its unit is {schedule.Unit}, not a power unit"),
        };
        if (schedule.Values.Count == 0)
            throw Invalid("it holds no values");
        if (schedule.Resolution != problem.SlotLength)
            throw Invalid($"its resolution is {schedule.Resolution}, not the {problem.SlotLength} slots asked for");
        if (schedule.Start != problem.Start || schedule.Values.Count != problem.SlotCount)
            throw Invalid($"it covers {schedule.Values.Count} slots from {schedule.Start:O}, not {problem.SlotCount} from {problem.Start:O}");
        // FlexMeasures' fallback scheduler (used when the optimisation fails) charges flat out or holds one value throughout.
        if (schedule.Scheduler?.Contains("Fallback", StringComparison.OrdinalIgnoreCase) == true ||
            schedule.Values.Count > 1 && schedule.Values.All(v => v.Equals(schedule.Values[0])))
            throw Invalid($"all its values are equal ({schedule.Values[0]} {schedule.Unit}) or it comes from a fallback scheduler ({schedule.Scheduler})");

        var limitW = Math.Max(problem.Request.Settings.MaxChargePower.Watts, problem.Request.Settings.MaxDischargePower.Watts) * 1.01;
        var setPoints = schedule.Values.Select(v => v * factor).ToArray();
        if (setPoints.Any(w => !double.IsFinite(w) || Math.Abs(w) > limitW))
            throw Invalid($"a value exceeds the power capacity of {limitW / 1.01:0} W");
        return setPoints;
    }

    private static FlexMeasuresInvalidScheduleException Invalid(string why) => new($"FlexMeasures schedule rejected: {why}.");
}
