using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Simulation;

/// <summary>
/// Replays plug-in sessions against real prices for one planner: at arrival and every
/// <see cref="SimulationSettings.ReplanEvery"/> it plans with only the prices published by then and applies the
/// set points until the next re-plan; the battery follows the same efficiencies the planners assume. With
/// <c>foresight</c> it plans each session once with every price known: the perfect-foresight bound. With a
/// <see cref="SimulationSettings.Household"/> the whole site is billed per slot (house − PV + car, imports at the buy
/// price, exports at the sell price) and the car's energy is split into PV/grid and house/export; <c>site</c> gives
/// each plan what it knows of the house (null: plans see the car alone).
/// <paramref name="time"/> only measures how long a run takes (the simulated time comes from the sessions).
/// An optional <c>onSlot</c> sees every applied slot, for charts of what the run did.
/// </summary>
public sealed class YearSimulation(SimulationSettings settings, IReadOnlyList<ChargingSession> sessions, TimeProvider? time = null)
{
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(5);

    public async Task<SimulationResult> RunAsync(string strategy, IPlanner planner, bool foresight, CancellationToken ct, Action<SimulatedSlot>? onSlot = null,
        Func<DateTimeOffset, TimeSpan, SiteForecast?>? site = null)
    {
        var household = settings.Household;
        double siteDelta = 0, fromPv = 0, fromGrid = 0, toHouse = 0, exported = 0;
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        var car = settings.Car;
        var capacity = car.Capacity.KilowattHours;
        var stored = settings.InitialSoc.Of(car.Capacity).KilowattHours;
        var departureKwh = settings.DepartureSoc.Of(car.Capacity).KilowattHours;
        var lowestKwh = settings.LowestArrivalSoc.Of(car.Capacity).KilowattHours;
        double importCost = 0, exportRevenue = 0, charged = 0, discharged = 0, throughput = 0, shortfall = 0;
        int met = 0, plans = 0;
        foreach (var session in sessions)
        {
            ct.ThrowIfCancellationRequested();
            stored = Math.Max(lowestKwh, stored - session.TripEnergy.KilowattHours);
            var now = Ceiling(session.Arrival);
            var departure = Floor(session.Departure);
            var target = new SocTarget(departure, settings.DepartureSoc);
            Schedule? arrivalPlan = null;
            while (now < departure)
            {
                var knownUntil = foresight ? departure : settings.Publication.KnownUntil(now);
                var horizon = foresight ? departure - now : Min(TimeSpan.FromHours(27), knownUntil - now);
                var request = new PlanRequest
                {
                    Start = now,
                    Horizon = horizon,
                    Soc = Percent.Of(Energy.FromKilowattHours(stored), car.Capacity),
                    Settings = car,
                    Targets = [target],
                    Absences = [new Absence(departure, departure.AddDays(7))],
                    BuyPrices = settings.BuyPrices,
                    SellPrices = settings.SellPrices,
                    DegradationCost = settings.DegradationCost,
                    Site = site?.Invoke(now, horizon),
                };
                var schedule = await planner.PlanAsync(request, ct);
                plans++;
                arrivalPlan ??= schedule;
                var until = foresight ? departure : Min(departure, NextReplan(now));
                var applied = 0;
                foreach (var slot in schedule.Slots.TakeWhile(s => s.Start < until))
                {
                    var gridKwh = slot.SetPoint.Over(slot.Length).KilowattHours;
                    var delta = gridKwh >= 0 ? gridKwh * car.ChargeEfficiency : gridKwh / car.DischargeEfficiency;
                    var next = Math.Clamp(stored + delta, 0, capacity);
                    onSlot?.Invoke(new SimulatedSlot(slot.Start, slot.Length, slot.SetPoint, Percent.Of(Energy.FromKilowattHours(stored), car.Capacity),
                        Percent.Of(Energy.FromKilowattHours(next), car.Capacity), PlannedAt(arrivalPlan, slot.Start)));
                    // The battery cannot hold more or give more than it has: bill what actually flowed.
                    gridKwh = next >= stored ? (next - stored) / car.ChargeEfficiency : (next - stored) * car.DischargeEfficiency;
                    throughput += Math.Abs(next - stored);
                    stored = next;
                    var (buy, sell) = PricesAt(slot.Start) ?? throw new InvalidOperationException($"no price at {slot.Start:O}");
                    if (gridKwh >= 0) importCost += buy * gridKwh;
                    else exportRevenue -= Bill(gridKwh, buy, sell);
                    if (gridKwh >= 0) charged += gridKwh; else discharged -= gridKwh;
                    if (household is not null)
                    {
                        var baseKwh = household.BaseKwh(slot.Start, slot.Length);
                        siteDelta += Bill(baseKwh + gridKwh, buy, sell) - Bill(baseKwh, buy, sell);
                        var pvCharged = Math.Max(0, Math.Min(gridKwh, -baseKwh));
                        var houseCovered = Math.Max(0, Math.Min(-gridKwh, baseKwh));
                        fromPv += pvCharged;
                        fromGrid += Math.Max(0, gridKwh) - pvCharged;
                        toHouse += houseCovered;
                        exported += Math.Max(0, -gridKwh) - houseCovered;
                    }
                    applied++;
                }
                // A planner without prices for the next slot (a gap) leaves the car idle until the next re-plan.
                now = applied == 0 ? Min(departure, NextReplan(now)) : now + Slot * applied;
            }
            var missing = departureKwh - stored;
            if (missing <= 1e-6 * capacity) met++;
            else shortfall += missing;
        }
        var houseAlone = household is null ? 0 : HouseAloneCost(household);
        return new SimulationResult(strategy, importCost, exportRevenue, discharged * settings.DegradationCost.EurPerKwh, charged, discharged, throughput / (2 * capacity), sessions.Count, met,
            shortfall, stored / capacity * 100, plans, clock.GetElapsedTime(started))
        {
            Site = household is null ? null : new SiteResult(houseAlone, houseAlone + siteDelta, fromPv, fromGrid, toHouse, exported),
        };
    }

    /// <summary>The buy and sell price at <paramref name="at"/>; where the sell prices have a gap, feeding back earns the buy price.</summary>
    private (double Buy, double Sell)? PricesAt(DateTimeOffset at) =>
        settings.BuyPrices.ValueAt(at) is { } buy ? (buy.EurPerKwh, (settings.SellPrices.ValueAt(at) ?? buy).EurPerKwh) : null;

    /// <summary>A slot's bill for the site's net grid energy: import at the buy price, export earning the sell price.</summary>
    private static double Bill(double netKwh, double buy, double sell) => netKwh >= 0 ? buy * netKwh : sell * netKwh;

    /// <summary>The household's bill without any car over every priced slot of the year.</summary>
    private double HouseAloneCost(Household household)
    {
        var prices = settings.BuyPrices.Points;
        double cost = 0;
        for (var at = prices[0].Start; at < prices[^1].Start + settings.BuyPrices.Resolution; at += Slot)
        {
            if (PricesAt(at) is { } p) cost += Bill(household.BaseKwh(at, Slot), p.Buy, p.Sell);
        }
        return cost;
    }

    /// <summary>The slot of <paramref name="plan"/> starting at <paramref name="start"/>: plans run in contiguous slots from their start.</summary>
    private static ScheduleSlot? PlannedAt(Schedule? plan, DateTimeOffset start)
    {
        if (plan is null || plan.Slots.Count == 0) return null;
        var index = (int)((start - plan.Slots[0].Start) / Slot);
        return index >= 0 && index < plan.Slots.Count && plan.Slots[index].Start == start ? plan.Slots[index] : null;
    }

    private DateTimeOffset NextReplan(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % settings.ReplanEvery.Ticks + settings.ReplanEvery.Ticks, TimeSpan.Zero);

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % Slot.Ticks, TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset t) => t.UtcTicks % Slot.Ticks == 0 ? t.ToUniversalTime() : Floor(t) + Slot;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
