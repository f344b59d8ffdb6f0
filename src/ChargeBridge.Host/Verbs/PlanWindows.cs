using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>
/// The year's daily planning windows: each day at 13:00 local (when tomorrow's prices appear) a 27 h plan for a
/// car at 50 % that must hold 80 % at 07:00 tomorrow and is away until 17:00, at the simulated household's prices.
/// The benchmarks and the tests that hold the optimiser against GLPK plan these.
/// </summary>
public static class PlanWindows
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>2024's NL prices as a Dutch household pays them (market + 0.1288, 21 % VAT), net metering.</summary>
    public static SimulateYear Year() => Year(new Tariff(new EnergyPrice(0.1288), 0.21));

    /// <summary>2024's NL market prices as they are, for buying and selling: negative on 96 days.</summary>
    public static SimulateYear MarketYear() => Year(new Tariff(new EnergyPrice(0), 0));

    private static SimulateYear Year(Tariff tariff) => SimulateYear.Load(
        SimulateYear.DataFile("nl_day_ahead_2024_jeroen_nl.csv"),
        SimulateYear.DataFile("ev_sessions_norway_residential_trondheim.csv"),
        user: null, tariff, sellAtMarket: false, new EnergyPrice(0));

    public static IEnumerable<PlanRequest> All(SimulateYear year)
    {
        for (var day = new DateTime(2024, 1, 1); day.Year == 2024; day = day.AddDays(1))
            yield return For(year, DateOnly.FromDateTime(day));
    }

    public static PlanRequest For(SimulateYear year, DateOnly day)
    {
        var start = Local(day, 13);
        var departure = Local(day.AddDays(1), 7);
        return new PlanRequest
        {
            Start = start,
            Soc = new Percent(50),
            Settings = year.Settings.Car,
            Targets = [new SocTarget(departure, new Percent(80))],
            Absences = [new Absence(departure, Local(day.AddDays(1), 17))],
            BuyPrices = year.Settings.BuyPrices,
            SellPrices = year.Settings.SellPrices,
        };
    }

    private static DateTimeOffset Local(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }
}
