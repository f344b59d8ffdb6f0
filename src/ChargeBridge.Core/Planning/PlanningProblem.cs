using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// A <see cref="PlanRequest"/> discretised into slots: per slot the objective weights and energy limits, per slot
/// boundary ("node") the SoC floor and soft ceiling, all in kWh stored in the battery. Every planner (and the
/// LP reference model) works on this one model, so they optimise exactly the same problem.
/// </summary>
/// <remarks>
/// Model: s[k+1] = s[k] + ηc·import[t] − export[t]/ηd, 0 ≤ import ≤ MaxImport[t], 0 ≤ export ≤ MaxExport[t],
/// 0 ≤ s ≤ capacity; floors (min SoC, targets) and ceilings (max SoC) are kept with penalties per kWh of
/// violation per node, so an unreachable target still yields the plan that charges as fast as allowed. The ceiling
/// penalty outweighs any price gain; the floor penalty outweighs the ceiling penalty summed over all nodes, so a
/// target is never given up to respect max SoC afterwards. One set point per slot cannot charge and discharge at once; where a slot's
/// weights would make doing both profitable (buy/ηc below (sell − degradation)·ηd, only with negative prices: an
/// <see cref="HasInvertedSlot">inverted</see> slot) the model is no longer convex, and the planners must choose one
/// direction per slot (as <see cref="LocalPlanner"/> does exactly; an LP relaxation would do both). Energy left at the end of the horizon is worth <see cref="TerminalValuePerKwh"/> per kWh
/// stored (the mean import weight of the horizon): without it every plan would sell down to min SoC at its end.
/// With a <see cref="PlanRequest.Site"/> each slot's cost is the site's grid cost with the car's move less without it
/// (<see cref="CostOf"/>), and the grid connection's limits bound the car's energies.
/// </remarks>
public sealed partial class PlanningProblem
{
    private PlanningProblem(PlanRequest request, int slots)
    {
        Request = request;
        SlotCount = slots;
        ImportWeight = new double[slots];
        ExportWeight = new double[slots];
        BuyPrice = new double[slots];
        SellPrice = new double[slots];
        Intensity = new double[slots];
        MaxImportKwh = new double[slots];
        MaxExportKwh = new double[slots];
        BaseKwh = new double[slots];
        SiteExportWeight = new double[slots];
        FloorKwh = new double[slots + 1];
        CeilingKwh = new double[slots + 1];
    }

    public PlanRequest Request { get; }
    public int SlotCount { get; }
    public DateTimeOffset Start => Request.Start;
    public TimeSpan SlotLength => Request.SlotLength;
    public double SlotHours => Request.SlotLength.TotalHours;
    public double CapacityKwh => Request.Settings.Capacity.KilowattHours;
    public double ChargeEfficiency => Request.Settings.ChargeEfficiency;
    public double DischargeEfficiency => Request.Settings.DischargeEfficiency;
    public double InitialKwh { get; private init; }

    /// <summary>Objective per kWh drawn from the grid (EUR or kg CO₂).</summary>
    public double[] ImportWeight { get; }

    /// <summary>Objective gained per kWh fed back (EUR net of degradation, or kg CO₂).</summary>
    public double[] ExportWeight { get; }

    /// <summary>Objective gained per kWh the site feeds back (sell price or intensity); where a slot is unpriced, its
    /// import weight, so an unknown price makes no kink.</summary>
    public double[] SiteExportWeight { get; }

    /// <summary>The house's own net grid energy per slot, kWh: (house load − PV)·h, negative for a PV surplus; 0 without a
    /// <see cref="PlanRequest.Site"/>.</summary>
    public double[] BaseKwh { get; }

    public double[] BuyPrice { get; }
    public double[] SellPrice { get; }

    /// <summary>kg CO₂ per kWh; 0 where no intensities were given.</summary>
    public double[] Intensity { get; }

    /// <summary>Grid-side energy limits per slot (0 while the car is away), within what the site's grid limits leave.</summary>
    public double[] MaxImportKwh { get; }

    public double[] MaxExportKwh { get; }

    /// <summary>Stored energy wanted at each node (min SoC, raised to targets); node 0 is the start.</summary>
    public double[] FloorKwh { get; }

    /// <summary>Soft ceiling per node; +∞ where none applies.</summary>
    public double[] CeilingKwh { get; }

    /// <summary>The targets inside the planned horizon and the node each must be met at.</summary>
    public IReadOnlyList<(SocTarget Target, int Node)> Targets { get; private init; } = [];

    /// <summary>Penalty per kWh above a ceiling per node: 10× the largest weight, more than a kWh can ever earn.</summary>
    public double CeilingPenaltyPerKwh { get; private set; }

    /// <summary>Penalty per kWh below a floor per node: more than a kWh above the ceiling costs over the whole horizon.</summary>
    public double FloorPenaltyPerKwh { get; private set; }

    /// <summary>Value of each kWh still stored at the last node: the mean import weight over the horizon.</summary>
    public double TerminalValuePerKwh { get; private set; }

    /// <summary>Some slot's cost is not convex in the car's move (see <see cref="IsInverted"/>).</summary>
    public bool HasInvertedSlot { get; private set; }

    /// <summary>Slot <paramref name="t"/>'s cost (<see cref="CostOf"/>) is not convex in the stored energy's move: it pays
    /// more per stored kWh for discharging than charging costs (buy/ηc below (sell − degradation)·ηd, with both
    /// directions allowed; only negative prices do this), or, with a site, selling pays more than buying, so a kWh
    /// beyond the PV surplus or the house's load is worth more than one within it.</summary>
    public bool IsInverted(int t) => !CostOf(t).IsConvex(ChargeEfficiency, DischargeEfficiency);

    /// <summary>
    /// Slot <paramref name="t"/>'s objective as a function of the car's grid-side energy: the site's objective with the
    /// move less the site's without it, plus the car's wear per kWh fed back. Charging first soaks the house's PV surplus
    /// (worth the site's export weight), then buys; discharging first covers the house's load (worth the import weight
    /// less wear), then exports. Without a site, or where both weights are equal, one weight per direction.
    /// </summary>
    public SlotCost CostOf(int t)
    {
        var (b, wi, ws, we) = (BaseKwh[t], ImportWeight[t], SiteExportWeight[t], ExportWeight[t]);
        var (charge, discharge) = (MaxImportKwh[t], MaxExportKwh[t]);
        var soak = Math.Min(Math.Max(0, -b), charge);
        var cover = Math.Min(Math.Max(0, b), discharge);
        var (c1, cw1, c2) = soak > 0 && ws != wi ? (soak, ws, charge - soak) : (charge, wi, 0.0);
        var (d1, dw1, d2) = cover > 0 && ws != wi ? (cover, we + (wi - ws), discharge - cover) : (discharge, we, 0.0);
        return new SlotCost(c1, cw1, c2, wi, d1, dw1, d2, we);
    }

    public DateTimeOffset NodeTime(int node) => Start + SlotLength * node;

    /// <summary>Slots planned on prices (or, for the emissions objective, intensities), bridged gaps included; the
    /// slots after them, up to <see cref="SlotCount"/>, are unpriced.</summary>
    public int PricedSlotCount { get; private init; }

    /// <summary>The gaps in the objective's series that the priced slots bridge (see <see cref="BridgedSeries"/>).</summary>
    public IReadOnlyList<PriceGap> BridgedGaps { get; private init; } = [];

    /// <summary>Where the unpriced slots begin; null when every slot is priced.</summary>
    public DateTimeOffset? UnpricedFrom => PricedSlotCount < SlotCount ? NodeTime(PricedSlotCount) : null;

    /// <summary>A target past the prices is reached this long before it: charging planned as late as the prices allow
    /// still leaves room for a missed hour of control (HA restarting, the charger not answering).</summary>
    public static readonly TimeSpan UnpricedSafetyMargin = TimeSpan.FromHours(1);

    /// <summary>How much an unpriced slot's stand-in weight falls per slot, so that charging there is as late as it can be;
    /// far too small to pay for anything else.</summary>
    public const double UnpricedFallPerSlot = 1e-5;

    /// <summary>
    /// Builds the model. Short gaps in the objective's series are bridged (<see cref="BridgedSeries"/>); where a longer
    /// gap or the series' end stops the prices before a target, the horizon runs on unpriced to the last target inside
    /// it (without any price covering now: over the whole horizon, so the minimum SoC is kept too). An unpriced slot
    /// never discharges and costs at least the highest weight of the priced ones, so the plan counts on no cheap guess;
    /// what must be charged there is charged as late as <see cref="UnpricedSafetyMargin"/> allows, or at once when time is short.
    /// </summary>
    public static PlanningProblem From(PlanRequest request)
    {
        Validate(request);
        var s = request.Settings;
        var slotLength = request.SlotLength;
        var horizonSlots = Math.Max(0, (int)(request.Horizon.Ticks / slotLength.Ticks));
        var emissions = request.Objective == PlanObjective.Emissions;
        var until = request.Start + request.Horizon;
        var buy = BridgedSeries.Of(request.BuyPrices, p => p.EurPerKwh, request.Start, until);
        var sell = request.SellPrices is { } sellPrices ? BridgedSeries.Of(sellPrices, p => p.EurPerKwh, request.Start, until) : buy;
        var intensities = request.CarbonIntensities is { } ci ? BridgedSeries.Of(ci, i => i.GramsPerKwh / 1000, request.Start, until) : null;
        var objective = emissions ? intensities! : buy;
        var pricedSlots = Math.Clamp((int)((objective.CoveredUntil - request.Start).Ticks / slotLength.Ticks), 0, horizonSlots);
        int NodeOf(SocTarget t) => (int)Math.Floor((t.At - request.Start) / slotLength);
        var slots = pricedSlots == 0
            ? horizonSlots
            : request.Targets.Select(NodeOf).Where(n => n <= horizonSlots).Append(pricedSlots).Max();

        var capacity = s.Capacity.KilowattHours;
        var ceilingBase = s.MaxSoc.Of(s.Capacity).KilowattHours;
        var initial = Math.Clamp(request.Soc.Of(s.Capacity).KilowattHours, 0, capacity);
        var targets = request.Targets
            .Select(t => (Target: t, Node: NodeOf(t)))
            .Where(t => t.Node >= 1 && t.Node <= slots)
            .OrderBy(t => t.Node)
            .ToList();
        var pricedEnd = request.Start + slotLength * pricedSlots;
        var problem = new PlanningProblem(request, slots)
        {
            InitialKwh = initial,
            Targets = targets,
            PricedSlotCount = pricedSlots,
            BridgedGaps = objective.Gaps.Where(g => g.Start < pricedEnd).ToList(),
        };

        var hours = slotLength.TotalHours;
        var highest = 0.0;
        for (var t = 0; t < slots; t++)
        {
            var at = problem.NodeTime(t);
            var away = request.Absences.Any(a => a.Start < at + slotLength && a.End > at);
            problem.MaxImportKwh[t] = away ? 0 : s.MaxChargePower.Kilowatts * hours;
            problem.MaxExportKwh[t] = away || t >= pricedSlots ? 0 : s.MaxDischargePower.Kilowatts * hours;
            if (request.Site is { } site) problem.ApplySite(site, t);
            if (t >= pricedSlots) continue;
            var price = buy.High(at) ?? 0;
            problem.BuyPrice[t] = price;
            problem.SellPrice[t] = sell.Low(at) ?? price;
            problem.Intensity[t] = intensities?.High(at) ?? 0;
            problem.SiteExportWeight[t] = emissions ? intensities!.Low(at) ?? problem.Intensity[t] : problem.SellPrice[t];
            (problem.ImportWeight[t], problem.ExportWeight[t]) = emissions
                ? (problem.Intensity[t], problem.SiteExportWeight[t])
                : (price, problem.SellPrice[t] - request.DegradationCost.EurPerKwh);
            highest = Math.Max(highest, Math.Max(problem.ImportWeight[t], problem.ExportWeight[t]));
            problem.HasInvertedSlot |= problem.IsInverted(t);
        }
        // Unpriced slots are costed at the highest known price, so the reported cost is not a cheap guess either.
        var highestBuy = pricedSlots == 0 ? 0 : problem.BuyPrice.Take(pricedSlots).Max();
        var highestIntensity = pricedSlots == 0 ? 0 : problem.Intensity.Take(pricedSlots).Max();
        for (var t = pricedSlots; t < slots; t++)
        {
            problem.BuyPrice[t] = problem.SellPrice[t] = highestBuy;
            problem.Intensity[t] = highestIntensity;
            problem.ImportWeight[t] = problem.SiteExportWeight[t] = highest + UnpricedFallPerSlot * (slots - t);
        }
        var maxWeight = Math.Max(1.0, problem.ImportWeight.Concat(problem.ExportWeight).Max(Math.Abs));

        var floor = s.MinSoc.Of(s.Capacity).KilowattHours;
        for (var k = 0; k <= slots; k++)
        {
            var at = problem.NodeTime(k);
            problem.FloorKwh[k] = floor;
            problem.CeilingKwh[k] = CeilingAt(request, at, ceilingBase, initial);
        }
        var marginSlots = (int)Math.Ceiling(UnpricedSafetyMargin / slotLength);
        foreach (var (target, node) in targets)
        {
            var kwh = Math.Min(target.Soc.Of(s.Capacity).KilowattHours, capacity);
            problem.FloorKwh[node] = Math.Max(problem.FloorKwh[node], kwh);
            if (node <= pricedSlots) continue;
            var early = Math.Max(1, node - marginSlots);
            problem.FloorKwh[early] = Math.Max(problem.FloorKwh[early], kwh);
        }
        // Never negative: energy the car holds can always be kept, so it is no burden to be sold off at a loss.
        problem.TerminalValuePerKwh = pricedSlots == 0 ? 0 : Math.Max(0, problem.ImportWeight.Take(pricedSlots).Average());
        problem.CeilingPenaltyPerKwh = 10 * maxWeight;
        problem.FloorPenaltyPerKwh = 10 * problem.CeilingPenaltyPerKwh * (slots + 1);
        return problem;
    }

    /// <summary>
    /// The house's net energy in slot <paramref name="t"/> and the car's limits within the grid connection's: the site's
    /// net import stays at most the import limit and its export at most the export limit, as far as the car can make
    /// it. Where the house alone is past a limit the car is not forced against it: it may then only move the other way.
    /// </summary>
    private void ApplySite(SiteForecast site, int t)
    {
        var (from, to) = (NodeTime(t), NodeTime(t + 1));
        var house = site.HouseLoad is { } load ? PowerSeries.EnergyKwh(load, from, to) : 0;
        var pv = site.PvPower is { } pvPower ? PowerSeries.EnergyKwh(pvPower, from, to) : 0;
        var b = BaseKwh[t] = house - pv;
        if (site.Grid.ImportLimit is { } importLimit)
            MaxImportKwh[t] = Math.Min(MaxImportKwh[t], Math.Max(0, importLimit.Kilowatts * SlotHours - b));
        if (site.Grid.ExportLimit is { } exportLimit)
            MaxExportKwh[t] = Math.Min(MaxExportKwh[t], Math.Max(0, exportLimit.Kilowatts * SlotHours + b));
    }

    /// <summary>
    /// The soft ceiling at a node: max SoC, lifted to a higher target until that target's time, to the SoC at
    /// plug-in for the allowed time above max, and absent while the car is away.
    /// </summary>
    private static double CeilingAt(PlanRequest request, DateTimeOffset at, double ceilingBase, double initial)
    {
        var s = request.Settings;
        var ceiling = ceilingBase;
        if (at - request.Start <= s.AllowedTimeAboveMax) ceiling = Math.Max(ceiling, initial);
        foreach (var target in request.Targets)
        {
            if (at <= target.At) ceiling = Math.Max(ceiling, target.Soc.Of(s.Capacity).KilowattHours);
        }
        foreach (var absence in request.Absences)
        {
            if (at > absence.Start && at < absence.End) return double.PositiveInfinity;
            if (at >= absence.End && at - absence.End <= s.AllowedTimeAboveMax)
            {
                foreach (var target in request.Targets.Where(t => t.At >= absence.Start - request.SlotLength && t.At <= absence.End))
                    ceiling = Math.Max(ceiling, target.Soc.Of(s.Capacity).KilowattHours);
            }
        }
        return ceiling;
    }

    private static void Validate(PlanRequest request)
    {
        if (request.SlotLength <= TimeSpan.Zero) throw new ArgumentException("slot length must be positive");
        if (request.Horizon < TimeSpan.Zero) throw new ArgumentException("horizon must not be negative");
        if (request.Objective == PlanObjective.Emissions && request.CarbonIntensities is null)
            throw new ArgumentException("the emissions objective needs carbon intensities");
        var s = request.Settings;
        if (!(s.Capacity.KilowattHours > 0)) throw new ArgumentException("capacity must be positive");
        if (!(s.RoundTripEfficiency.Value > 0 && s.RoundTripEfficiency.Value <= 100))
            throw new ArgumentException("round_trip_efficiency must be in (0, 100] %");
        if (s.MaxChargePower.Watts < 0 || s.MaxDischargePower.Watts < 0)
            throw new ArgumentException("max_charge_power and max_discharge_power must not be negative");
        if (!double.IsFinite(request.Soc.Value)) throw new ArgumentException("soc must be a number");
        if (request.Site?.Grid is { } grid
            && ((grid.ImportLimit is { } import && !(import.Watts >= 0)) || (grid.ExportLimit is { } export && !(export.Watts >= 0))))
            throw new ArgumentException("the grid's import and export limits must not be negative");
    }
}
