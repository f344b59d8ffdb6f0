using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Simulation;

public class YearSimulationTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset Day0 = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(2));

    /// <summary>Ten days of hourly prices: cheap at night, dear in the evening.</summary>
    private static SimulationSettings Settings()
    {
        var points = Enumerable.Range(0, 240).Select(h =>
            new TimePoint<EnergyPrice>(Day0.AddHours(h), new EnergyPrice(h % 24 is >= 1 and < 5 ? 0.05 : h % 24 is >= 17 and < 21 ? 0.40 : 0.20)));
        var prices = new TimeSeries<EnergyPrice>(points, TimeSpan.FromHours(1));
        return new SimulationSettings { BuyPrices = prices, SellPrices = prices, Publication = PricePublication.DayAhead(Amsterdam) };
    }

    private static readonly ChargingSession[] Sessions =
    [
        new(Day0.AddHours(10), Day0.AddHours(31), Energy.FromKilowattHours(20)),
        new(Day0.AddHours(42), Day0.AddHours(56), Energy.FromKilowattHours(30)),
        new(Day0.AddHours(70), Day0.AddHours(120), Energy.FromKilowattHours(10)),
    ];

    /// <summary>Records what each plan could see and how far it reached.</summary>
    private sealed class Spy(IPlanner inner) : IPlanner
    {
        public List<(DateTimeOffset Start, DateTimeOffset? End)> Plans { get; } = [];

        public async Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct)
        {
            var schedule = await inner.PlanAsync(request, ct);
            Plans.Add((request.Start, schedule.End));
            return schedule;
        }
    }

    [Fact]
    public async Task Plans_every_15_minutes_with_only_the_published_prices()
    {
        var spy = new Spy(new LocalPlanner());
        var settings = Settings();
        await new YearSimulation(settings, Sessions).RunAsync("local", spy, foresight: false, CancellationToken.None);

        Assert.All(spy.Plans, p => Assert.True(p.End <= settings.Publication.KnownUntil(p.Start), $"plan at {p.Start:O} saw past publication"));
        foreach (var session in Sessions)
        {
            var starts = spy.Plans.Select(p => p.Start).Where(t => t >= session.Arrival && t < session.Departure).ToList();
            Assert.Equal(session.Arrival, starts[0]);
            Assert.All(starts.Skip(1), t => Assert.Equal(0, t.Minute % 15));
            Assert.All(starts.Zip(starts.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(15), p.Second - p.First));
        }
        var firstSession = spy.Plans.Where(p => p.Start < Day0.AddHours(31)).ToList();
        Assert.Equal(21 * 4, firstSession.Count);
    }

    [Fact]
    public async Task Perfect_foresight_plans_each_session_once_and_is_a_bound_for_every_strategy()
    {
        var simulation = new YearSimulation(Settings(), Sessions);
        var spy = new Spy(new LocalPlanner());
        var bound = await simulation.RunAsync("foresight", spy, foresight: true, CancellationToken.None);
        Assert.Equal(Sessions.Length, spy.Plans.Count);

        foreach (IPlanner planner in new IPlanner[] { new NaivePlanner(), new CheapestSlotsPlanner(), new LocalPlanner() })
        {
            var result = await simulation.RunAsync("x", planner, foresight: false, CancellationToken.None);
            Assert.Equal(Sessions.Length, result.TargetsMet);
            Assert.True(bound.NetCostEur <= result.NetCostEur + 1e-6, $"{planner.GetType().Name} {result.NetCostEur} beats the bound {bound.NetCostEur}");
        }
    }

    [Fact]
    public async Task Accounts_energy_cost_and_cycles_consistently()
    {
        var settings = Settings();
        var result = await new YearSimulation(settings, Sessions).RunAsync("naive", new NaivePlanner(), foresight: false, CancellationToken.None);

        // Naive only charges: every trip is refilled to 80 %, so the energy drawn is the trips' energy over the charge efficiency.
        var trips = Sessions.Sum(s => s.TripEnergy.KilowattHours);
        Assert.Equal(trips / settings.Car.ChargeEfficiency, result.ChargedKwh, 6);
        Assert.Equal(0, result.DischargedKwh);
        Assert.Equal(trips / (2 * 62), result.EquivalentFullCycles, 6);
        Assert.Equal(80, result.FinalSocPct, 6);
        Assert.InRange(result.NetCostEur / result.ChargedKwh, 0.05, 0.40);
    }

    [Fact]
    public async Task Wear_is_the_degradation_rate_times_the_energy_fed_back()
    {
        var settings = Settings() with { DegradationCost = new EnergyPrice(0.02) };
        var result = await new YearSimulation(settings, Sessions).RunAsync("local", new LocalPlanner(), foresight: false, CancellationToken.None);

        Assert.True(result.DischargedKwh > 1, "the evening prices make discharging pay");
        Assert.Equal(result.DischargedKwh * 0.02, result.WearEur, 9);
    }

    [Fact]
    public async Task A_session_too_short_to_refill_counts_its_shortfall()
    {
        var session = new ChargingSession(Day0.AddHours(10), Day0.AddHours(11), Energy.FromKilowattHours(40));
        var result = await new YearSimulation(Settings(), [session]).RunAsync("naive", new NaivePlanner(), foresight: false, CancellationToken.None);

        Assert.Equal(0, result.TargetsMet);
        var refilled = 7.4 * Math.Sqrt(0.85);
        Assert.Equal(40 - refilled, result.ShortfallKwh, 6);
    }

    [Fact]
    public async Task Import_cost_minus_export_revenue_is_the_net_cost_and_each_follows_the_slots_applied()
    {
        var settings = Settings();
        // Sell below buy, so swapping the two prices would show.
        var sell = new TimeSeries<EnergyPrice>(settings.BuyPrices.Points.Select(p => p with { Value = new EnergyPrice(p.Value.EurPerKwh * 0.9) }), settings.BuyPrices.Resolution);
        settings = settings with { SellPrices = sell };
        var slots = new List<SimulatedSlot>();
        var result = await new YearSimulation(settings, Sessions).RunAsync("local", new LocalPlanner(), foresight: false, CancellationToken.None, slots.Add);

        double import = 0, revenue = 0;
        foreach (var slot in slots)
        {
            var storedKwh = (slot.SocAtEnd.Value - slot.SocAtStart.Value) / 100 * settings.Car.Capacity.KilowattHours;
            if (storedKwh >= 0) import += settings.BuyPrices.ValueAt(slot.Start)!.Value.EurPerKwh * storedKwh / settings.Car.ChargeEfficiency;
            else revenue -= sell.ValueAt(slot.Start)!.Value.EurPerKwh * storedKwh * settings.Car.DischargeEfficiency;
        }
        Assert.True(result.ExportRevenueEur > 0.5, $"the evening prices make discharging pay: revenue {result.ExportRevenueEur}");
        Assert.Equal(import, result.ImportCostEur, 6);
        Assert.Equal(revenue, result.ExportRevenueEur, 6);
        Assert.Equal(result.ImportCostEur - result.ExportRevenueEur, result.NetCostEur, 9);
    }

    [Fact]
    public async Task Every_applied_slot_is_reported_with_the_prognosis_of_the_plan_made_at_arrival()
    {
        var slots = new List<SimulatedSlot>();
        await new YearSimulation(Settings(), Sessions).RunAsync("local", new LocalPlanner(), foresight: false, CancellationToken.None, slots.Add);

        var sessionSlots = Sessions.Sum(s => (int)((s.Departure - s.Arrival) / TimeSpan.FromMinutes(5)));
        Assert.Equal(sessionSlots, slots.Count);
        Assert.All(slots.Zip(slots.Skip(1)).Where(p => p.Second.Start == p.First.Start + p.First.Length), p => Assert.Equal(p.First.SocAtEnd, p.Second.SocAtStart));
        // The first session arrives at 10:00 knowing prices until midnight only: its arrival plan ends there.
        var first = slots.Where(s => s.Start < Sessions[0].Departure).ToList();
        Assert.All(first.Where(s => s.Start < Day0.AddHours(24)), s => Assert.Equal(s.Start, s.ArrivalPlan?.Start));
        Assert.All(first.Where(s => s.Start >= Day0.AddHours(24)), s => Assert.Null(s.ArrivalPlan));
    }

    [Fact]
    public async Task Perfect_foresight_equals_the_optimiser_when_every_departure_is_priced_at_arrival_and_beats_it_otherwise()
    {
        // 0.20 until 13:00, 0.23 in the afternoon and evening (too little to pay for a round trip), 0.05 at night.
        var points = Enumerable.Range(0, 72).Select(h =>
            new TimePoint<EnergyPrice>(Day0.AddHours(h), new EnergyPrice(h % 24 < 7 ? 0.05 : h % 24 < 13 ? 0.20 : 0.23)));
        var prices = new TimeSeries<EnergyPrice>(points, TimeSpan.FromHours(1));
        var settings = Settings() with { BuyPrices = prices, SellPrices = prices };
        // Arriving 18:00 and 20:00, after the 13:00 publication: every price up to the next morning's departure is known.
        ChargingSession[] priced = [new(Day0.AddHours(18), Day0.AddHours(31), Energy.FromKilowattHours(25)), new(Day0.AddHours(44), Day0.AddHours(55), Energy.FromKilowattHours(30))];
        // Arriving 10:00, before the publication: the cheap night is not yet known, and the morning looks cheaper than the rest of the day.
        ChargingSession[] unpriced = [new(Day0.AddHours(10), Day0.AddHours(31), Energy.FromKilowattHours(25))];
        Assert.All(priced, s => Assert.True(s.Departure <= settings.Publication.KnownUntil(s.Arrival)));
        Assert.All(unpriced, s => Assert.True(s.Departure > settings.Publication.KnownUntil(s.Arrival)));

        async Task<(double Ours, double Bound)> Run(ChargingSession[] sessions)
        {
            var simulation = new YearSimulation(settings, sessions);
            var ours = await simulation.RunAsync("local", new LocalPlanner(), foresight: false, CancellationToken.None);
            var bound = await simulation.RunAsync("foresight", new LocalPlanner(), foresight: true, CancellationToken.None);
            return (ours.NetCostEur, bound.NetCostEur);
        }
        var known = await Run(priced);
        Assert.Equal(known.Bound, known.Ours, 9);
        var unknown = await Run(unpriced);
        Assert.True(unknown.Bound < unknown.Ours - 0.05, $"foresight {unknown.Bound} should beat {unknown.Ours} when the night's prices come later");
    }
}
