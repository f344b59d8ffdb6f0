using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.SitePlanning;

/// <summary>
/// A <see cref="SitePlanRequest"/> discretised into slots: one <see cref="PlanningProblem"/> per device (each loadpoint,
/// then the house battery) with its own floors, ceilings, limits, penalties and terminal value, and per slot the house
/// load and PV (kWh), the site's grid weights and the grid limits. Every site solver works on this one model.
/// </summary>
/// <remarks>
/// Net grid energy per slot = house − PV + Σ devices (import − export), split into grid import and export; the import is
/// weighted by <see cref="ImportWeight"/>, the export by <see cref="ExportWeight"/>, and each kWh a device discharges
/// costs its wear. Objective = Σ grid weights + Σ wear + each device's floor and ceiling penalties − its terminal value,
/// + <see cref="GridPenaltyPerKwh"/> per kWh beyond a grid limit (only where the limit cannot be kept at all).
/// A device's slots beyond its own <see cref="PlanningProblem.SlotCount"/> (it has no later target) are idle.
/// </remarks>
public sealed class SiteProblem
{
    private SiteProblem(SitePlanRequest request, IReadOnlyList<PlanningProblem> devices, int slots)
    {
        Request = request;
        Devices = devices;
        SlotCount = slots;
        HouseKwh = new double[slots];
        PvKwh = new double[slots];
        ImportWeight = new double[slots];
        ExportWeight = new double[slots];
        BuyPrice = new double[slots];
        SellPrice = new double[slots];
        MaxGridImportKwh = new double[slots];
        MaxGridExportKwh = new double[slots];
        WearPerKwh = new double[devices.Count];
    }

    public SitePlanRequest Request { get; }

    /// <summary>The loadpoints' models in request order, then the house battery's (if any).</summary>
    public IReadOnlyList<PlanningProblem> Devices { get; }

    public int LoadpointCount => Request.Loadpoints.Count;
    public PlanningProblem? Battery => Request.Battery is null ? null : Devices[^1];
    public int SlotCount { get; }
    public double SlotHours => Request.SlotLength.TotalHours;
    public DateTimeOffset NodeTime(int node) => Request.Start + Request.SlotLength * node;

    public double[] HouseKwh { get; }
    public double[] PvKwh { get; }

    /// <summary>Objective per kWh the site draws (EUR or kg CO₂); unpriced slots as the devices' models weigh them.</summary>
    public double[] ImportWeight { get; }

    /// <summary>Objective gained per kWh the site feeds back; 0 in unpriced slots, so no plan sells for a guessed price.</summary>
    public double[] ExportWeight { get; }

    /// <summary>EUR/kWh for the reported cost (unpriced slots: the highest known buy price, and 0 for selling).</summary>
    public double[] BuyPrice { get; }

    public double[] SellPrice { get; }

    /// <summary>Grid limits per slot in kWh; +∞ where the connection has none.</summary>
    public double[] MaxGridImportKwh { get; }

    public double[] MaxGridExportKwh { get; }

    /// <summary>Wear per kWh each device discharges (grid side); 0 for the emissions objective, which does not count it.</summary>
    public double[] WearPerKwh { get; }

    /// <summary>Per kWh beyond a grid limit: more than a kWh can gain anywhere else, floor penalties at every node included.</summary>
    public double GridPenaltyPerKwh { get; private init; }

    public bool HasGridLimit => MaxGridImportKwh.Concat(MaxGridExportKwh).Any(double.IsFinite);

    public static SiteProblem From(SitePlanRequest request)
    {
        if (request.SlotLength <= TimeSpan.Zero) throw new ArgumentException("site: slot length must be positive");
        if (request.Loadpoints.Count == 0 && request.Battery is null)
            throw new ArgumentException("site: a site plan needs at least one loadpoint or a house battery");
        var devices = request.Loadpoints.Select((loadpoint, i) => Device($"loadpoint {i + 1}", () =>
            {
                if (loadpoint.SlotLength != request.SlotLength)
                    throw new ArgumentException($"slot length {loadpoint.SlotLength} differs from the site's {request.SlotLength}");
                if (loadpoint.Start != request.Start)
                    throw new ArgumentException($"start {loadpoint.Start:O} differs from the site's {request.Start:O}");
                return loadpoint with
                {
                    Horizon = request.Horizon,
                    BuyPrices = request.BuyPrices,
                    SellPrices = request.SellPrices,
                    Objective = request.Objective,
                    CarbonIntensities = request.CarbonIntensities,
                    Site = null,
                };
            }))
            .ToList();
        if (request.Battery is { } battery)
        {
            devices.Add(Device("house battery", () =>
            {
                if (!(battery.MinSoc.Value >= 0 && battery.MinSoc <= battery.MaxSoc && battery.MaxSoc.Value <= 100))
                    throw new ArgumentException("min SoC and max SoC must satisfy 0 ≤ min ≤ max ≤ 100 %");
                if (!(battery.WearCost.EurPerKwh >= 0)) throw new ArgumentException("wear cost must not be negative");
                return battery.AsPlanRequest(request.Start, request.SlotLength, request.Horizon, request.BuyPrices) with
                {
                    SellPrices = request.SellPrices,
                    Objective = request.Objective,
                    CarbonIntensities = request.CarbonIntensities,
                };
            }));
        }

        // The longest device model sets the slots; its weights are the site's (unpriced slots included).
        var reference = devices.MaxBy(d => d.SlotCount)!;
        var slots = reference.SlotCount;
        var emissions = request.Objective == PlanObjective.Emissions;
        var grid = request.Forecast.Grid;
        var hours = request.SlotLength.TotalHours;
        var problem = new SiteProblem(request, devices, slots)
        {
            GridPenaltyPerKwh = 10 * (slots + 1) * devices.Max(d => d.FloorPenaltyPerKwh),
        };
        for (var d = 0; d < devices.Count; d++)
            problem.WearPerKwh[d] = emissions ? 0 : devices[d].Request.DegradationCost.EurPerKwh;
        var referenceWear = problem.WearPerKwh[devices.IndexOf(reference)];
        for (var t = 0; t < slots; t++)
        {
            var at = problem.NodeTime(t);
            problem.HouseKwh[t] = MeanKw(request.Forecast.HouseLoad, at, request.SlotLength, "house load") * hours;
            problem.PvKwh[t] = MeanKw(request.Forecast.PvPower, at, request.SlotLength, "PV power") * hours;
            var priced = t < reference.PricedSlotCount;
            problem.ImportWeight[t] = reference.ImportWeight[t];
            problem.ExportWeight[t] = priced ? reference.ExportWeight[t] + referenceWear : 0;
            problem.BuyPrice[t] = reference.BuyPrice[t];
            problem.SellPrice[t] = priced ? reference.SellPrice[t] : 0;
            problem.MaxGridImportKwh[t] = grid.ImportLimit is { } import ? Math.Abs(import.Kilowatts) * hours : double.PositiveInfinity;
            problem.MaxGridExportKwh[t] = grid.ExportLimit is { } export ? Math.Abs(export.Kilowatts) * hours : double.PositiveInfinity;
        }
        return problem;
    }

    /// <summary>The device's model, with a bad request's error naming the device.</summary>
    private static PlanningProblem Device(string name, Func<PlanRequest> request)
    {
        try
        {
            return PlanningProblem.From(request());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{name}: {e.Message}", e);
        }
    }

    /// <summary>Mean kW of a step series over one slot; a gap counts as 0 W (a missing forecast never makes energy up).</summary>
    private static double MeanKw(TimeSeries<Power>? series, DateTimeOffset at, TimeSpan slot, string name)
    {
        if (series is null) return 0;
        var step = series.Resolution < slot ? series.Resolution : slot;
        var samples = Math.Max(1, (int)(slot.Ticks / step.Ticks));
        var sum = 0.0;
        for (var i = 0; i < samples; i++)
        {
            var watts = series.ValueAt(at + step * i)?.Watts ?? 0;
            if (!(watts >= 0) || double.IsInfinity(watts))
                throw new ArgumentException($"site: {name} at {at + step * i:O} is {watts} W; it must be a power ≥ 0");
            sum += watts;
        }
        return sum / samples / 1000;
    }

    /// <summary>Slot <paramref name="t"/> sells for more than it buys: the net could import and export at once for money.</summary>
    public bool NetIsInverted(int t) => ExportWeight[t] > ImportWeight[t];

    /// <summary>
    /// Device <paramref name="d"/> could gain by charging and discharging at once in slot <paramref name="t"/>: burning
    /// (1 − round trip) of each kWh cycled pays where the grid's marginal weight is below −wear·RTE/(1 − RTE) (negative
    /// prices), and sheds stored energy where it cannot be sold: where the export limit may bind (energy in the device
    /// can be worth less than nothing, when it blocks charging in negative hours later), or where the net's own binary
    /// may block exporting (sell above buy).
    /// </summary>
    public bool DeviceIsInverted(int d, int t)
    {
        var device = Devices[d];
        if (t >= device.SlotCount || device.MaxImportKwh[t] <= 0 || device.MaxExportKwh[t] <= 0) return false;
        if (MostNetKwh(t).Export > MaxGridExportKwh[t] || NetIsInverted(t)) return true;
        var roundTrip = device.ChargeEfficiency * device.DischargeEfficiency;
        // Without losses cycling burns nothing and only adds wear.
        if (roundTrip >= 1) return false;
        return Math.Min(ImportWeight[t], ExportWeight[t]) < -WearPerKwh[d] * roundTrip / (1 - roundTrip);
    }

    public bool IsConvex => Enumerable.Range(0, SlotCount).All(t => !NetIsInverted(t) && Enumerable.Range(0, Devices.Count).All(d => !DeviceIsInverted(d, t)));

    /// <summary>Most the net can import and export in slot <paramref name="t"/> (kWh): the big-M of its one-direction binary.</summary>
    public (double Import, double Export) MostNetKwh(int t)
    {
        double import = HouseKwh[t] - PvKwh[t], export = PvKwh[t] - HouseKwh[t];
        foreach (var device in Devices.Where(d => t < d.SlotCount))
        {
            import += device.MaxImportKwh[t];
            export += device.MaxExportKwh[t];
        }
        return (Math.Max(0, import), Math.Max(0, export));
    }

    /// <summary>Net grid energy (kWh, + = import) of slot <paramref name="t"/> for the devices' set points (W).</summary>
    public double NetKwh(IReadOnlyList<double[]> setPointsW, int t)
    {
        var net = HouseKwh[t] - PvKwh[t];
        for (var d = 0; d < Devices.Count; d++)
            if (t < Devices[d].SlotCount) net += setPointsW[d][t] / 1000 * SlotHours;
        return net;
    }

    /// <summary>
    /// The value the site solvers minimise for these set points (one array per device, W, grid side): each device's own
    /// objective (<see cref="PlanningProblem.ObjectiveOf"/>: penalties, terminal value) with its own import and export
    /// weights swapped for its wear, plus the site's grid weights on the net and the penalty beyond the grid limits.
    /// </summary>
    public double ObjectiveOf(IReadOnlyList<double[]> setPointsW)
    {
        var objective = 0.0;
        for (var d = 0; d < Devices.Count; d++)
        {
            var device = Devices[d];
            objective += device.ObjectiveOf(setPointsW[d]);
            for (var t = 0; t < device.SlotCount; t++)
            {
                var gridKwh = setPointsW[d][t] / 1000 * SlotHours;
                objective -= gridKwh >= 0 ? device.ImportWeight[t] * gridKwh : (device.ExportWeight[t] + WearPerKwh[d]) * gridKwh;
            }
        }
        for (var t = 0; t < SlotCount; t++)
        {
            var net = NetKwh(setPointsW, t);
            objective += net >= 0
                ? ImportWeight[t] * net + GridPenaltyPerKwh * Math.Max(0, net - MaxGridImportKwh[t])
                : ExportWeight[t] * net + GridPenaltyPerKwh * Math.Max(0, -net - MaxGridExportKwh[t]);
        }
        return objective;
    }
}
