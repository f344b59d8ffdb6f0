using System.Globalization;
using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using ChargeBridge.Host;

namespace ChargeBridge.Bench;

/// <summary>
/// Learned departures on the `simulate` user's sessions (Trondheim, mapped onto 2024): at each arrival the target
/// learned from the sessions ended before it, against no target and against the calendar default of 80 % at every
/// departure (a calendar that knows every trip). Each strategy carries the car's SoC from session to session: at
/// arrival it is the SoC it left with less the trip (the next session's El_kWh), never below 5 %; while plugged in it
/// charges at 7.4 kW (√85 % into the battery) towards its target, but only up to the target's time and the departure,
/// and at least to min SoC. A departure is ready when the car leaves with min SoC + its trip's use (capped at 80 %).
/// </summary>
internal sealed class LearnedDeparturesBenchmark : IBenchmark
{
    public string Name => "learned-departures";

    private sealed record Outcome(string Strategy, int Ready, int Departures, int FirstReady, int First, int MissedLate, double ChargedKwh, double ShortfallKwh, int Targets);

    public Task RunAsync(string[] args)
    {
        // `--user ID` picks another Trondheim user, as `simulate --user` does.
        var user = args.Length == 2 && args[0] == "--user" ? args[1] : null;
        var year = SimulateYear.Load(SimulateYear.DataFile("nl_day_ahead_2024_jeroen_nl.csv"), SimulateYear.DataFile("ev_sessions_norway_residential_trondheim.csv"),
            user, new Tariff(new EnergyPrice(0.1288), 0.21), sellAtMarket: false, new EnergyPrice(0));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var car = year.Settings.Car;
        var sessions = year.Sessions;
        // Trip i is the one after session i: the next arrival's El_kWh, as a share of the battery.
        var trips = sessions.Skip(1).Select(s => Percent.Of(s.TripEnergy, car.Capacity).Value).ToList();
        // What the app would have saved: the SoC at unplugging less the SoC at the next plug-in is the trip's use.
        var history = sessions.Select((s, i) => new PastSession(s.Arrival, s.Departure,
            new Percent(100 - Percent.Of(s.TripEnergy, car.Capacity).Value), new Percent(100))).ToList();

        // The learned rule plans for each day's first departure; a second one the same day gets tomorrow's target.
        var first = sessions.Select((s, i) => i == 0 || Day(sessions[i - 1].Departure, zone) != Day(s.Departure, zone)).ToList();
        LearnedDeparture? Learned(int i) => LearnedDepartures.Propose(history.Take(i), sessions[i].Arrival, zone, car, new Percent(97));
        var outcomes = new[]
        {
            Run("none (min SoC only)", sessions, trips, first, car, _ => null),
            Run("learned", sessions, trips, first, car, i => Learned(i) is { } l ? (l.At, l.Soc.Value) : null),
            Run("calendar default, every trip known (80 %)", sessions, trips, first, car, i => (sessions[i].Departure, car.MaxSoc.Value)),
        };
        Console.WriteLine($"user {year.User}, {sessions.Count} sessions, {trips.Count} departures with a known trip, "
            + $"{sessions[0].Arrival:yyyy-MM-dd} to {sessions[^1].Departure:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| strategy | ready in time | of them the day's first departures | missed without a target in time | targets | charged kWh | shortfall kWh |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var o in outcomes)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Strategy} | {o.Ready}/{o.Departures} ({100.0 * o.Ready / o.Departures:0.0} %) | {o.FirstReady}/{o.First} ({100.0 * o.FirstReady / o.First:0.0} %) | {o.MissedLate} | {o.Targets} | {o.ChargedKwh:0} | {o.ShortfallKwh:0} |"));
        return Task.CompletedTask;
    }

    private static Outcome Run(string name, IReadOnlyList<ChargingSession> sessions, IReadOnlyList<double> trips, IReadOnlyList<bool> first,
        Core.Settings.ChargeSettings car,
        Func<int, (DateTimeOffset At, double Soc)?> targetAt)
    {
        var (soc, ready, firstReady, late, charged, shortfall, targets) = (car.MaxSoc.Value, 0, 0, 0, 0.0, 0.0, 0);
        for (var i = 0; i < trips.Count; i++)
        {
            var s = sessions[i];
            var target = targetAt(i);
            if (target is not null) targets++;
            // A target after the departure is not reached: the car is gone by then.
            var wanted = target is { } t && t.At <= s.Departure ? Math.Max(t.Soc, car.MinSoc.Value) : car.MinSoc.Value;
            var until = target is { } u && u.At <= s.Departure ? u.At : s.Departure;
            var reachable = soc + car.MaxChargePower.Watts * car.ChargeEfficiency * Math.Max(0, (until - s.Arrival).TotalHours) / car.Capacity.WattHours * 100;
            var leaves = Math.Max(soc, Math.Min(wanted, reachable));
            charged += (leaves - soc) / 100 * car.Capacity.KilowattHours / car.ChargeEfficiency;
            var need = Math.Min(car.MinSoc.Value + trips[i], car.MaxSoc.Value);
            if (leaves >= need - 1e-9)
            {
                ready++;
                if (first[i]) firstReady++;
            }
            else
            {
                shortfall += (need - leaves) / 100 * car.Capacity.KilowattHours;
                if (target is not { } m || m.At > s.Departure) late++;
            }
            soc = Math.Max(5, leaves - trips[i]);
        }
        return new Outcome(name, ready, trips.Count, firstReady, first.Take(trips.Count).Count(f => f), late, charged, shortfall, targets);
    }

    private static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
