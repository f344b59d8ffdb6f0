using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Simulation;

/// <summary>The year simulation with a household: the whole site is billed and the car's energy split by source and use.</summary>
public class YearSimulationSiteTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset Day0 = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(2));
    private const double Buy = 0.30, Sell = 0.10;

    /// <summary>Two days at 0.30 EUR/kWh to buy and 0.10 to sell; a 500 W house with 3 kW of PV from 10:00 to 16:00.</summary>
    private static SimulationSettings Settings()
    {
        TimeSeries<T> Hourly<T>(Func<int, T> value) where T : struct =>
            new(Enumerable.Range(0, 48).Select(h => new TimePoint<T>(Day0.AddHours(h), value(h))), TimeSpan.FromHours(1));
        return new SimulationSettings
        {
            BuyPrices = Hourly(_ => new EnergyPrice(Buy)),
            SellPrices = Hourly(_ => new EnergyPrice(Sell)),
            Publication = PricePublication.DayAhead(Amsterdam),
            Household = new Household(Hourly(_ => Power.FromWatts(500)), Hourly(h => Power.FromWatts(h % 24 is >= 10 and < 16 ? 3000 : 0))),
        };
    }

    [Fact]
    public async Task Naive_charging_at_noon_takes_the_pv_surplus_first_and_the_rest_from_the_grid()
    {
        var settings = Settings();
        // Arrives at 12:00 needing exactly one hour at 7.4 kW (the trip used 7.4 kWh × the charge efficiency).
        var trip = Energy.FromKilowattHours(7.4 * settings.Car.ChargeEfficiency);
        var session = new ChargingSession(Day0.AddHours(12), Day0.AddHours(20), trip);
        var result = await new YearSimulation(settings, [session]).RunAsync("naive", new NaivePlanner(), foresight: false, CancellationToken.None);

        var site = Assert.IsType<SiteResult>(result.Site);
        Assert.Equal(7.4, result.ChargedKwh, 6);
        Assert.Equal(2.5, site.CarFromPvKwh, 6);
        Assert.Equal(4.9, site.CarFromGridKwh, 6);
        Assert.Equal(0, site.VehicleToHomeKwh);
        // The car's PV costs the export it replaces, its grid energy the buy price.
        Assert.Equal(site.CarFromPvKwh * Sell + site.CarFromGridKwh * Buy, site.CarCostEur, 6);
    }

    [Fact]
    public async Task The_house_alone_bill_is_the_whole_years_and_the_same_for_every_strategy()
    {
        var settings = Settings();
        var session = new ChargingSession(Day0.AddHours(12), Day0.AddHours(30), Energy.FromKilowattHours(10));
        var simulation = new YearSimulation(settings, [session]);
        var naive = (await simulation.RunAsync("naive", new NaivePlanner(), foresight: false, CancellationToken.None)).Site!;
        var local = (await simulation.RunAsync("local", new LocalPlanner(), foresight: false, CancellationToken.None)).Site!;

        // Per day: 18 h importing 0.5 kWh at 0.30, 6 h exporting 2.5 kWh at 0.10.
        var perDay = 18 * 0.5 * Buy - 6 * 2.5 * Sell;
        Assert.Equal(2 * perDay, naive.HouseAloneCostEur, 6);
        Assert.Equal(naive.HouseAloneCostEur, local.HouseAloneCostEur);
    }

    [Fact]
    public async Task Discharging_covers_the_house_before_it_exports()
    {
        var settings = Settings() with
        {
            // Dear in the evening, so the optimiser feeds back from the car; the house then takes 500 W of it.
            BuyPrices = new TimeSeries<EnergyPrice>(Enumerable.Range(0, 48).Select(h => new TimePoint<EnergyPrice>(Day0.AddHours(h),
                new EnergyPrice(h % 24 is >= 18 and < 21 ? 0.60 : 0.20))), TimeSpan.FromHours(1)),
            SellPrices = new TimeSeries<EnergyPrice>(Enumerable.Range(0, 48).Select(h => new TimePoint<EnergyPrice>(Day0.AddHours(h),
                new EnergyPrice(h % 24 is >= 18 and < 21 ? 0.60 : 0.20))), TimeSpan.FromHours(1)),
        };
        var session = new ChargingSession(Day0.AddHours(17), Day0.AddHours(40), Energy.FromKilowattHours(0));
        var result = await new YearSimulation(settings, [session]).RunAsync("local", new LocalPlanner(), foresight: false, CancellationToken.None);

        var site = result.Site!;
        Assert.True(result.DischargedKwh > 1);
        Assert.Equal(result.DischargedKwh, site.VehicleToHomeKwh + site.CarExportedKwh, 6);
        Assert.InRange(site.VehicleToHomeKwh, 0.01, 3 * 0.5 + 1e-9);
    }

    [Fact]
    public async Task Each_plan_sees_the_site_it_is_given_and_without_a_household_there_is_no_site_result()
    {
        var seen = new List<SiteForecast?>();
        var planner = new Recording(seen);
        var settings = Settings();
        var forecast = settings.Household!.Actual(GridConnection.Unlimited);
        var session = new ChargingSession(Day0.AddHours(12), Day0.AddHours(14), Energy.FromKilowattHours(5));

        await new YearSimulation(settings, [session]).RunAsync("site", planner, foresight: false, CancellationToken.None, site: (_, _) => forecast);
        var alone = await new YearSimulation(settings with { Household = null }, [session]).RunAsync("alone", new NaivePlanner(), foresight: false, CancellationToken.None);

        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Same(forecast, s));
        Assert.Null(alone.Site);
    }

    private sealed class Recording(List<SiteForecast?> seen) : IPlanner
    {
        public Task<Schedule> PlanAsync(PlanRequest request, CancellationToken ct)
        {
            seen.Add(request.Site);
            return new NaivePlanner().PlanAsync(request, ct);
        }
    }
}
