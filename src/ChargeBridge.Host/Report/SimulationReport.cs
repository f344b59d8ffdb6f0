using System.Globalization;
using ChargeBridge.Core.Simulation;

namespace ChargeBridge.Host.Report;

/// <summary>
/// Turns a `simulate` run into report data: the table over the whole run, the chart over a window of whole local
/// days in which the local optimiser's applied slots are kept as the year is simulated (so the SoC it starts the
/// window with is the one the year brought it to).
/// </summary>
internal sealed class SimulationReport
{
    private readonly SimulateYear _year;
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _until;
    private readonly Dictionary<DateTimeOffset, SimulatedSlot> _byStart = [];
    private readonly Dictionary<DateTimeOffset, SimulatedSlot> _byEnd = [];

    /// <summary>A window of <paramref name="days"/> local days from <paramref name="firstDay"/>, by default the first session's day.</summary>
    public SimulationReport(SimulateYear year, DateOnly? firstDay, int days)
    {
        if (days < 1) throw new FormatException("--report-days must be at least 1");
        var zone = year.Settings.Publication.Zone;
        var day = firstDay?.ToDateTime(TimeOnly.MinValue) ?? TimeZoneInfo.ConvertTime(year.Sessions[0].Arrival, zone).Date;
        _year = year;
        _from = LocalMidnight(day, zone);
        _until = LocalMidnight(day.AddDays(days), zone);
        var prices = year.Settings.BuyPrices;
        if (_from < prices.Points[0].Start || _until > prices.Points[^1].Start + prices.Resolution)
            throw new FormatException($"--report-from {day:yyyy-MM-dd} with --report-days {days} reaches outside the prices "
                + $"({TimeZoneInfo.ConvertTime(prices.Points[0].Start, zone):yyyy-MM-dd} to {TimeZoneInfo.ConvertTime(prices.Points[^1].Start, zone):yyyy-MM-dd})");
    }

    /// <summary>Keeps the local optimiser's slots that fall in the window; pass to the run that simulates it.</summary>
    public void Keep(SimulatedSlot slot)
    {
        if (slot.Start + slot.Length <= _from || slot.Start >= _until) return;
        _byStart[slot.Start] = slot;
        _byEnd[slot.Start + slot.Length] = slot;
    }

    public ReportData Build(IReadOnlyList<SimulationResult> results)
    {
        var settings = _year.Settings;
        var samples = new List<ReportSample>();
        for (var at = _from; at < _until; at += TimeSpan.FromMinutes(5))
        {
            var price = settings.BuyPrices.ValueAt(at);
            if (_byStart.TryGetValue(at, out var slot))
                samples.Add(new ReportSample(at, price, slot.SetPoint, slot.ArrivalPlan?.SocAtStart, slot.SocAtStart));
            // The last slot before a departure: its end is where the SoC lines stop.
            else if (_byEnd.TryGetValue(at, out var ended))
                samples.Add(new ReportSample(at, price, null, ended.ArrivalPlan?.SocAtEnd, ended.SocAtEnd));
            else
                samples.Add(new ReportSample(at, price, null, null, null));
        }
        var naive = results.FirstOrDefault(r => r.Strategy == "naive");
        var cheapest = results.FirstOrDefault(r => r.Strategy == "cheapest slots");
        double? Saving(SimulationResult? baseline, SimulationResult r) => baseline is null ? null : baseline.NetCostEur + baseline.WearEur - (r.NetCostEur + r.WearEur);
        var sessions = _year.Sessions;
        var wear = settings.DegradationCost.EurPerKwh > 0
            ? string.Create(CultureInfo.InvariantCulture, $" Savings include battery wear at {settings.DegradationCost.EurPerKwh:0.###} EUR per kWh fed back.")
            : "";
        return new ReportData
        {
            Title = "ChargeBridge simulation report",
            Summary = string.Create(CultureInfo.InvariantCulture,
                    $"User {_year.User}: {sessions.Count} plug-in sessions from {sessions[0].Arrival:yyyy-MM-dd} to {sessions[^1].Departure:yyyy-MM-dd}, ")
                + string.Create(CultureInfo.InvariantCulture,
                    $"{settings.Car.Capacity.KilowattHours:0} kWh car on a {settings.Car.MaxChargePower.Kilowatts:0.#} kW bidirectional charger, SoC {settings.DepartureSoc.Value:0} % wanted at every departure. ")
                + "The table covers the whole run. The chart shows ours, the local optimiser: the net price paid for energy (market price with tax and VAT), "
                + "its schedule power, the SoC prognosis of the plan made at each arrival (it differs from the simulated SoC where prices published later "
                + "changed the plan) and the SoC simulated; the car is away in the shaded times."
                + wear,
            Zone = settings.Publication.Zone,
            From = _from,
            Until = _until,
            Samples = samples,
            Events = Absences(sessions),
            Rows = [.. results.Select(r => new ReportRow(r.Strategy, r.ImportCostEur, r.ExportRevenueEur, r.NetCostEur, Saving(naive, r), Saving(cheapest, r), r.TargetsMet, r.Sessions))],
        };
    }

    /// <summary>The times between sessions: the car is on a trip, titled with the energy the trip used.</summary>
    private List<ReportEvent> Absences(IReadOnlyList<ChargingSession> sessions)
    {
        var events = new List<ReportEvent>();
        var away = _from;
        foreach (var session in sessions)
        {
            if (session.Arrival > _until) break;
            if (session.Arrival > away && session.Arrival > _from)
                events.Add(new ReportEvent(away, session.Arrival, string.Create(CultureInfo.InvariantCulture, $"trip, {session.TripEnergy.KilowattHours:0.#} kWh")));
            away = session.Departure;
        }
        if (away < _until) events.Add(new ReportEvent(away, _until, "away"));
        return events;
    }

    private static DateTimeOffset LocalMidnight(DateTime day, TimeZoneInfo zone) => new(day.Date, zone.GetUtcOffset(day.Date));
}
