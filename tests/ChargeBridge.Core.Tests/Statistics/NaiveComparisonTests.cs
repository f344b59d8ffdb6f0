using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

public class NaiveComparisonTests
{
    private static readonly DateTimeOffset PlugIn = DateTimeOffset.Parse("2025-02-03T18:00:00+01:00");

    // 62 kWh at 70 % with max SoC 80 %: naive charging needs 6.2 kWh, one hour at 6.2 kW, in the 0.40 EUR/kWh hours.
    private static PlanRequest Session() => new()
    {
        Start = PlugIn,
        Horizon = TimeSpan.FromHours(6),
        Soc = new Percent(70),
        Settings = new ChargeSettings { RoundTripEfficiency = new Percent(100), MaxChargePower = Power.FromWatts(6200) },
        BuyPrices = new TimeSeries<EnergyPrice>(
            new[] { 0.40, 0.40, 0.10, 0.10, 0.10, 0.10 }.Select((p, i) => new TimePoint<EnergyPrice>(PlugIn.AddHours(i), new EnergyPrice(p))),
            TimeSpan.FromHours(1)),
    };

    private static EnergyTotals ChargedInCheapHours(double kwh)
    {
        var stats = new EnergyStatistics(TimeZoneInfo.Utc, TimeSpan.FromMinutes(5));
        var watts = kwh / 2 * 1000;
        for (var i = 0; i < 24; i++) stats.Add(new EnergySample(PlugIn.AddHours(2).AddMinutes(5 * i), Power.FromWatts(watts), new EnergyPrice(0.10)));
        return stats.Lifetime;
    }

    [Fact]
    public void Charging_the_same_energy_in_cheap_hours_saves_the_price_difference()
    {
        var result = NaiveComparison.Compare(Session(), ChargedInCheapHours(6.2), new Percent(80));

        Assert.Equal(2.48, result.NaiveCostEur, 9);
        Assert.Equal(0.62, result.ActualNetCostEur, 9);
        Assert.Equal(0, result.NaiveExtraStored.KilowattHours, 9);
        Assert.Equal(1.86, result.SavingsEur, 9);
    }

    [Fact]
    public void Ending_with_less_in_the_battery_is_charged_at_the_mean_price_not_counted_as_saving()
    {
        var result = NaiveComparison.Compare(Session(), ChargedInCheapHours(3.1), new Percent(75));

        // Mean price over the session (2 h at 0.40, 4 h at 0.10) is 0.20 EUR/kWh: 2.48 − 0.31 − 3.1 × 0.20.
        Assert.Equal(3.1, result.NaiveExtraStored.KilowattHours, 9);
        Assert.Equal(1.55, result.SavingsEur, 9);
    }
}
