using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using Xunit.Abstractions;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimRunTests(ITestOutputHelper output)
{
    private static HomeSimTrace RealDay(TimeSpan pace)
    {
        var house = HomeSimTraceReaderTests.Amsterdam(24378, new DateOnly(2020, 1, 2)).Resample(pace, HomeSimNoise.Default);
        var pv = HomeSimTraceReaderTests.Konstanz(new DateOnly(2016, 6, 14)).Resample(pace, HomeSimNoise.Default with { Seed = 7 });
        return HomeSimTrace.Combine(house, pv, HomeSimTraceReader.KonstanzPvScale(Power.FromKilowatts(6)));
    }

    [Fact]
    public void Grid_bookkeeping_balances_over_a_real_day()
    {
        var trace = RealDay(TimeSpan.FromSeconds(5));
        var charger = HomeSimSynthetic.Car();

        var result = HomeSimRun.Run(trace, charger, new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar).Decide);

        var net = result.GridImport - result.GridExport;
        var expected = result.House - result.Pv + result.Charged - result.Discharged;
        Assert.Equal(expected.KilowattHours, net.KilowattHours, 9);
        Assert.Equal(result.Charged.KilowattHours, (result.ChargedFromSurplus + result.ChargedFromGrid).KilowattHours, 9);
        Assert.True(result.Charged > Energy.Zero && result.Discharged > Energy.Zero, "a bidirectional day both charges and discharges");
        Assert.True(result.VehicleToHome <= result.Discharged);
        Assert.Equal(24, result.CommandsByHour.Count);
        Assert.Equal(result.Commands, result.CommandsByHour.Sum());
        Assert.Equal(charger.Commands, result.Commands);
    }

    [Fact]
    public void Charging_from_export_is_surplus_and_beyond_it_is_grid()
    {
        // 2 kW of export for 100 s; the car takes 2990 W (13 A) from the first second.
        var trace = HomeSimSynthetic.Trace((100, 1000, 3000));
        var charger = new HomeSimCharger(HomeSimSynthetic.Quasar, Energy.FromKilowattHours(60), new Percent(50))
        {
            ReactionDelay = TimeSpan.Zero, RampWattsPerSecond = 1e9,
        };

        var result = HomeSimRun.Run(trace, charger, s => s.LastSetPoint is null ? Power.FromWatts(2990) : null);

        Assert.Equal(2990 * 100 / 3600.0, result.Charged.WattHours, 3);
        Assert.Equal(2000 * 100 / 3600.0, result.ChargedFromSurplus.WattHours, 3);
        Assert.Equal(990 * 100 / 3600.0, result.ChargedFromGrid.WattHours, 3);
        Assert.Equal(0, result.GridExport.WattHours, 3);
        Assert.Equal(1, result.Commands);
        Assert.Equal(1, result.Starts);
    }

    [Fact]
    public void Discharging_into_the_house_is_vehicle_to_home_and_beyond_it_is_export()
    {
        var trace = HomeSimSynthetic.Trace((100, 1500, 0));
        var charger = new HomeSimCharger(HomeSimSynthetic.Quasar, Energy.FromKilowattHours(60), new Percent(50))
        {
            ReactionDelay = TimeSpan.Zero, RampWattsPerSecond = 1e9,
        };

        var result = HomeSimRun.Run(trace, charger, s => s.LastSetPoint is null ? Power.FromWatts(-2300) : null);

        Assert.Equal(2300 * 100 / 3600.0, result.Discharged.WattHours, 3);
        Assert.Equal(1500 * 100 / 3600.0, result.VehicleToHome.WattHours, 3);
        Assert.Equal(800 * 100 / 3600.0, result.GridExport.WattHours, 3);
        Assert.Equal(0, result.GridImport.WattHours, 3);
    }

    [Fact]
    public void The_controller_sees_the_meter_including_the_car()
    {
        var trace = HomeSimSynthetic.Trace((10, 800, 300));
        var charger = new HomeSimCharger(HomeSimSynthetic.Quasar, Energy.FromKilowattHours(60), new Percent(50))
        {
            ReactionDelay = TimeSpan.FromSeconds(2), RampWattsPerSecond = 1e9,
        };
        var seen = new List<HomeSimState>();

        HomeSimRun.Run(trace, charger, s =>
        {
            seen.Add(s);
            return s.LastSetPoint is null ? Power.FromWatts(1380) : null;
        });

        Assert.Equal(500, seen[0].Grid.Watts, 9);
        Assert.Equal(500, seen[1].Grid.Watts, 9);
        Assert.Equal(500 + 1380, seen[3].Grid.Watts, 9);
        Assert.Equal(HomeSimSynthetic.Start, seen[5].LastCommandAt);
        Assert.Equal(HomeSimSynthetic.Start.AddSeconds(5), seen[5].Now);
        Assert.Equal(300, seen[5].Pv.Watts, 9);
    }

    [Fact]
    public void The_baselines_capture_surplus_on_a_real_day_at_their_own_command_rates()
    {
        var trace = RealDay(TimeSpan.FromSeconds(1));
        var quasar = HomeSimSynthetic.Quasar;
        var runs = new (string Name, Func<HomeSimState, Power?> Rule)[]
        {
            ("evse-controller (solar capture)", new HomeSimEvseControllerRule(quasar, allowDischarge: false).Decide),
            ("evcc pv", new HomeSimEvccPvRule(quasar).Decide),
            ("chargemanager tracked", new HomeSimChargeManagerRule(quasar, Power.FromKilowatts(6)).Decide),
        };

        foreach (var (name, rule) in runs)
        {
            var result = HomeSimRun.Run(trace, HomeSimSynthetic.Car(), rule);
            output.WriteLine($"{name}: charged {result.Charged} ({result.ChargedFromSurplus} surplus, {result.ChargedFromGrid} grid), " +
                $"export {result.GridExport}, import {result.GridImport}, {result.Commands} commands (max {result.MaxCommandsInAnHour}/h), " +
                $"{result.Starts} starts, {result.Stops} stops");
            Assert.True(result.ChargedFromSurplus > Energy.FromKilowattHours(1), name);
            Assert.Equal(Energy.Zero, result.Discharged);
        }
    }
}
