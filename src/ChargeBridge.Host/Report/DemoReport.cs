using System.Globalization;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Demo;

namespace ChargeBridge.Host.Report;

/// <summary>
/// Turns the demo's simulated day into report data: the Quasar car's four series and the second car's two per
/// recorded step, the site's power flows (grid, house, PV, the Quasar car), both cars' trips shaded, the evening's
/// V2H and noon's solar charging marked and summed up,
/// and a table of what the day really did next to naive and cheapest-slots charging, both planned by Core's
/// planners on the same prices, car and target. The console's summary prints the same rows.
/// </summary>
internal static class DemoReport
{
    public const string Ours = "ChargeBridge (the simulated day)";
    public const string Naive = "naive";
    public const string CheapestSlots = "cheapest slots";

    public static ReportData Build(DemoRecording recording)
    {
        var strategies = Strategies(recording);
        var session = recording.Session;
        var settings = session.Settings;
        var trip = recording.Events[0];
        var commute = recording.Events[1];
        var second = recording.SecondCarTotals;
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, DemoScenario.Zone).ToString("ddd dd MMM HH:mm", CultureInfo.InvariantCulture);
        var ends = string.Join(", ", strategies.Select(s => Invariant($"{s.Name} {s.EndSoc.Value:0.0} %")));
        return new ReportData
        {
            Title = "ChargeBridge demo: a simulated day",
            Summary = Invariant($"A {settings.Capacity.KilowattHours:0} kWh car plugged in on {Local(session.Start)} with {session.Soc.Value:0} % on a simulated Wallbox Quasar; ")
                + Invariant($"the calendar's \"{trip.Summary}\" on {Local(trip.Start)} needs {trip.Target.Value:0.0} %. ")
                + Invariant($"Prices: NL day-ahead of 6-7 November 2024 plus {DemoScenario.HouseholdTariff.Markup.EurPerKwh:0.0000} EUR/kWh energy tax and supplier markup, ")
                + Invariant($"then {DemoScenario.HouseholdTariff.VatRate:0%} VAT; energy fed back earns the same price (net metering). ")
                + "The chart shows that net price, the schedule's power, the SoC the schedule expected and the SoC the car had; the car is away in the shaded time. "
                + "The table compares what the day really did with naive charging (full power from plug-in up to max SoC) and cheapest-slots charging "
                + "(charge-only, in the cheapest hours before the trip until its target), both planned on the same prices, car and target. "
                + $"SoC left at the trip's start: {ends}. "
                + Invariant($"The same site has a second loadpoint, \"{commute.Loadpoint}\": a charge-only car on a charger Home Assistant integrates (simulated), ")
                + Invariant($"planned by its own loop on the same prices; its \"{commute.Summary}\" on {Local(commute.Start)} needs {commute.Target.Value:0.0} % ")
                + Invariant($"and it had {commute.SocAtStart?.Value ?? double.NaN:0.0} %, charging {second.Charged.KilowattHours:0.00} kWh for {second.ChargingCostEur:0.00} EUR. ")
                + Invariant($"A Shelly Pro 3EM (simulated) meters the grid connection; the house behind it is {recording.House.Source}: ")
                + Invariant($"{recording.House.Trace.HouseEnergy.KilowattHours:0.0} kWh of consumption and {recording.House.Trace.PvEnergy.KilowattHours:0.0} kWh of PV in the day. ")
                + "The Quasar car runs in Automatic with solar on (PV surplus charges it beyond the plan) and is set to \"Power the house (V2H)\" in the evening; "
                + "energy is split by source per minute by the same rule as the statistics sensors (charged from PV, discharged to the house).",
            Zone = DemoScenario.Zone,
            From = recording.Start,
            Until = recording.End,
            Step = DemoDay.RecordInterval,
            Samples = [.. recording.Steps.Select(s => new ReportSample(s.At, s.Price, s.PlannedPower, s.SocPrognosis, s.CarConnected ? s.ActualSoc : null,
                s.SecondCar.PlannedPower, s.SecondCar.Connected ? s.SecondCar.Soc : null, s.Grid, s.House, s.Pv, s.ActualPower))],
            Events = [.. recording.Events.Select(e => new ReportEvent(e.Start, e.End, e.Summary))],
            Rows = Rows(strategies),
            Highlights = [Evening(recording), Noon(recording)],
        };
    }

    public const string V2hInTheEvening = "V2H in the evening";
    public const string SolarAtNoon = "solar charging at noon";

    /// <summary>What the car gave the house in the evening window, and how close to 0 the grid stayed.</summary>
    private static ReportHighlight Evening(DemoRecording recording)
    {
        var window = recording.Evening;
        var (change, steps) = Within(recording, window);
        var import = steps.Select(s => Math.Max(0, s.Grid?.Watts ?? 0)).DefaultIfEmpty().Average();
        return new ReportHighlight(window.Start, window.End, V2hInTheEvening, Invariant(
            $"the car powered the house with {change.DischargedToHouse.KilowattHours:0.0} kWh (of {change.Discharged.KilowattHours:0.0} kWh it discharged; the house used about {Kwh(steps, s => s.House):0.0} kWh), ")
            + Invariant($"following its load so the grid meter read {import:0} W of import on average; the Quasar's minimum of 6 A flows out where the house needs less."));
    }

    /// <summary>What the car took from the PV surplus in the noon window.</summary>
    private static ReportHighlight Noon(DemoRecording recording)
    {
        var window = recording.Noon;
        var (change, steps) = Within(recording, window);
        return new ReportHighlight(window.Start, window.End, SolarAtNoon, Invariant(
            $"the car charged {change.ChargedFromPv.KilowattHours:0.0} kWh from PV surplus (of {change.Charged.KilowattHours:0.0} kWh it charged, the rest being the plan's charging from the grid); ")
            + Invariant($"the roof produced about {Kwh(steps, s => s.Pv):0.0} kWh and the house used about {Kwh(steps, s => s.House):0.0} kWh."));
    }

    /// <summary>The Quasar car's totals over <paramref name="window"/> (the running totals' difference) and the steps in it.</summary>
    private static (EnergyTotals Change, List<DemoStep> Steps) Within(DemoRecording recording, DemoWindow window)
    {
        var steps = recording.Steps.Where(s => window.Contains(s.At)).ToList();
        EnergyTotals At(DateTimeOffset t) => recording.Steps.LastOrDefault(s => s.At <= t)?.Totals ?? EnergyTotals.Zero;
        var (start, end) = (At(window.Start), At(window.End));
        return (new EnergyTotals(end.Charged - start.Charged, end.Discharged - start.Discharged, end.ChargingCostEur - start.ChargingCostEur,
            end.DischargeRevenueEur - start.DischargeRevenueEur, end.EmissionsKg - start.EmissionsKg, end.ChargedFromPv - start.ChargedFromPv,
            end.ChargedFromGrid - start.ChargedFromGrid, end.DischargedToHouse - start.DischargedToHouse, end.DischargedToGrid - start.DischargedToGrid), steps);
    }

    /// <summary>Energy from the 5-minute samples of a power (each held for its step): about, as the samples are instants.</summary>
    private static double Kwh(List<DemoStep> steps, Func<DemoStep, Power> power) =>
        steps.Sum(s => power(s).Kilowatts) * DemoDay.RecordInterval.TotalHours;

    /// <summary>Savings are the baseline's net cost minus the row's: positive = cheaper than the baseline.</summary>
    private static List<ReportRow> Rows(IReadOnlyList<Strategy> strategies)
    {
        var naive = strategies.Single(s => s.Name == Naive).Totals.NetCostEur;
        var cheapest = strategies.Single(s => s.Name == CheapestSlots).Totals.NetCostEur;
        return [.. strategies.Select(s => new ReportRow(s.Name, s.Totals.ChargingCostEur, s.Totals.DischargeRevenueEur, s.Totals.NetCostEur,
            naive - s.Totals.NetCostEur, cheapest - s.Totals.NetCostEur, s.TargetsMet, s.Targets))];
    }

    /// <summary>The table compares strategies for the Quasar car: its trip is the recording's first event.</summary>
    private static List<Strategy> Strategies(DemoRecording recording)
    {
        var session = recording.Session;
        var sessionEnd = session.Start + session.Horizon;
        var endSoc = recording.Steps.Last(s => s.At <= sessionEnd).ActualSoc;
        return
        [
            new Strategy(Ours, recording.Totals, recording.Events[0].Met ? 1 : 0, 1, endSoc),
            Planned(Naive, session, new NaivePlanner().Plan(session)),
            Planned(CheapestSlots, session, new CheapestSlotsPlanner().Plan(session)),
        ];
    }

    /// <summary>A baseline's schedule metered as the day is: each slot's energy at its buy or sell price.</summary>
    private static Strategy Planned(string name, PlanRequest session, Schedule schedule)
    {
        var totals = schedule.Slots.Aggregate(EnergyTotals.Zero, (sum, slot) => sum + EnergyTotals.Of(
            new EnergySample(slot.Start, slot.SetPoint, session.BuyPrices.ValueAt(slot.Start) ?? throw new InvalidOperationException($"no price at {slot.Start:O}"),
                session.SellPrices?.ValueAt(slot.Start)), slot.Length));
        return new Strategy(name, totals, schedule.Targets.Count(t => t.Met), schedule.Targets.Count,
            schedule.Slots.Count == 0 ? session.Soc : schedule.Slots[^1].SocAtEnd);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>One line of the table before savings: what the strategy drew and fed back, its targets and the SoC it left.</summary>
    private sealed record Strategy(string Name, EnergyTotals Totals, int TargetsMet, int Targets, Percent EndSoc);
}
