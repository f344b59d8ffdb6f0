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
}
