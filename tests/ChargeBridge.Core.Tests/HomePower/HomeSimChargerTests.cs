using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimChargerTests
{
    private static readonly DateTimeOffset T0 = HomeSimSynthetic.Start;

    private static List<double> Run(HomeSimCharger charger, int seconds)
    {
        var powers = new List<double>();
        for (var s = 0; s < seconds; s++)
        {
            charger.Advance(T0.AddSeconds(s), TimeSpan.FromSeconds(1));
            powers.Add(charger.Actual.Watts);
        }
        return powers;
    }

    [Fact]
    public void A_set_point_takes_effect_after_the_delay_and_then_ramps()
    {
        var charger = HomeSimSynthetic.Car();
        charger.Command(T0, Power.FromWatts(2300));

        var powers = Run(charger, 8);

        // End of each second: nothing until the set point is due at 3 s, then +1000 W/s up to 10 A = 2300 W.
        Assert.Equal([0, 0, 0, 1000, 2000, 2300, 2300, 2300], powers);
    }

    [Fact]
    public void Energy_over_a_ramp_is_the_area_under_it()
    {
        var charger = new HomeSimCharger(HomeSimSynthetic.Quasar, Energy.FromKilowattHours(60), new Percent(50)) { ReactionDelay = TimeSpan.Zero };
        charger.Command(T0, Power.FromWatts(1380));

        var energy = charger.Advance(T0, TimeSpan.FromSeconds(2));

        // 0 → 1380 W (6 A) in 1.38 s, then 0.62 s flat.
        var expectedWattSeconds = 1380 / 2.0 * 1.38 + 1380 * 0.62;
        Assert.Equal(expectedWattSeconds / 3600, energy.WattHours, 9);
    }

    [Theory]
    [InlineData(2000, 2070)]    // 8.7 A → 9 A
    [InlineData(1000, 0)]       // below 6 A: the charger pauses
    [InlineData(-3000, -2990)]  // 13.04 A discharging → 13 A
    [InlineData(9000, 7360)]    // capped at 32 A
    public void Set_points_are_rounded_to_whole_amperes_within_the_limits(double asked, double held)
    {
        Assert.Equal(held, HomeSimSynthetic.Car().Round(Power.FromWatts(asked)).Watts, 9);
    }

    [Fact]
    public void A_charge_only_charger_does_not_discharge()
    {
        var charger = HomeSimSynthetic.Car(ChargerCapabilities.ForCurrent(bidirectional: false, phases: 3, minAmperes: 6, maxAmperes: 16));
        Assert.Equal(Power.Zero, charger.Round(Power.FromWatts(-5000)));
        Assert.Equal(4140, charger.Round(Power.FromWatts(4200)).Watts, 9);
    }

    [Fact]
    public void A_full_battery_stops_the_power_with_efficiency_counted()
    {
        var charger = new HomeSimCharger(HomeSimSynthetic.Quasar, Energy.FromKilowattHours(1), new Percent(99.9))
        {
            ReactionDelay = TimeSpan.Zero, RampWattsPerSecond = 100_000, Efficiency = 0.9,
        };
        charger.Command(T0, Power.FromWatts(7360));

        var ac = charger.Advance(T0, TimeSpan.FromSeconds(10));

        // 1 Wh of room takes 1 / 0.9 Wh from the house, far less than 10 s at 7.36 kW.
        Assert.Equal(1 / 0.9, ac.WattHours, 6);
        Assert.Equal(100, charger.Soc.Value, 9);
        Assert.Equal(Power.Zero, charger.Actual);
    }

    [Fact]
    public void Commands_starts_and_stops_are_counted()
    {
        var charger = HomeSimSynthetic.Car();
        charger.Command(T0, Power.FromWatts(2300));
        charger.Command(T0.AddSeconds(1), Power.FromWatts(2300));
        charger.Command(T0.AddSeconds(2), Power.FromWatts(500));
        charger.Command(T0.AddSeconds(3), Power.FromWatts(-2300));
        Run(charger, 10);

        Assert.Equal(4, charger.Commands);
        Assert.Equal(2, charger.Starts);
        Assert.Equal(1, charger.Stops);
        Assert.Equal(Power.FromWatts(-2300), charger.LastSetPoint);
        Assert.Equal(T0.AddSeconds(3), charger.LastCommandAt);
    }
}
