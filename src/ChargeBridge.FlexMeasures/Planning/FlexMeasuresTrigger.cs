using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Client;

namespace ChargeBridge.FlexMeasures.Planning;

/// <summary>
/// The FlexMeasures request for the same <see cref="PlanningProblem"/> the local optimiser solves: hard SoC limits,
/// targets as soc-minima, the soft ceiling (max SoC, lifted for targets) as soc-maxima, and per-slot consumption
/// and production capacities that are zero while the car is away.
/// </summary>
internal static class FlexMeasuresTrigger
{
    public static ScheduleTrigger From(PlanningProblem problem, FlexMeasuresPlannerOptions options)
    {
        var request = problem.Request;
        var settings = request.Settings;
        var hours = problem.SlotHours;
        var model = new FlexModel(
            SocAtStart: Kwh(problem.InitialKwh),
            // The hard floor must hold at the start, or the problem is infeasible when the car arrives nearly empty.
            SocMin: Kwh(Math.Min(problem.FloorKwh[0], problem.InitialKwh)),
            SocMax: settings.Capacity,
            PowerCapacity: settings.MaxChargePower > settings.MaxDischargePower ? settings.MaxChargePower : settings.MaxDischargePower,
            RoundtripEfficiency: settings.RoundTripEfficiency,
            SocMinima: problem.Targets.Select(t => TimedValue<Energy>.At(problem.NodeTime(t.Node), Kwh(problem.FloorKwh[t.Node]))).ToList(),
            SocMaxima: Runs(problem, problem.SlotCount, k => problem.CeilingKwh[k], Kwh),
            ConsumptionCapacity: Runs(problem, problem.SlotCount, t => problem.MaxImportKwh[t] / hours, Power.FromKilowatts),
            ProductionCapacity: Runs(problem, problem.SlotCount, t => problem.MaxExportKwh[t] / hours, Power.FromKilowatts));

        var emissions = request.Objective == PlanObjective.Emissions;
        if (emissions && options.EmissionsSensor is null)
            throw new ArgumentException("The emissions objective needs the FlexMeasures CO₂ intensity sensor (EmissionsSensor).");
        var context = new FlexContext(
            emissions ? options.EmissionsSensor!.Value : options.ConsumptionPriceSensor,
            emissions ? options.EmissionsSensor!.Value : options.ProductionPriceSensor,
            options.RelaxSocConstraints, options.RelaxCapacityConstraints);
        return new ScheduleTrigger(request.Start, problem.SlotLength * problem.SlotCount, problem.SlotLength, model, context);
    }

    private static Energy Kwh(double kwh) => Energy.FromKilowattHours(kwh);

    /// <summary>Per-slot values merged into runs of equal value; infinite values (no limit) are left out.</summary>
    private static List<TimedValue<T>> Runs<T>(PlanningProblem problem, int count, Func<int, double> value, Func<double, T> unit)
    {
        var runs = new List<TimedValue<T>>();
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && value(end).Equals(value(start))) end++;
            if (double.IsFinite(value(start)))
                runs.Add(new TimedValue<T>(problem.NodeTime(start), problem.NodeTime(end), unit(value(start))));
            start = end;
        }
        return runs;
    }
}
