using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimChargeManagerRuleTests
{
    private static HomeSimChargeManagerRule Rule() => new(HomeSimSynthetic.Quasar, Power.FromKilowatts(6));

    [Fact]
    public void Charges_at_the_surplus_range_at_once_and_holds_a_new_range_back_five_minutes()
    {
        var trace = HomeSimSynthetic.Trace((600, 500, 3700), (900, 500, 5100));

        var commands = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), Rule().Decide);

        // 3200 W available: the 3000 W range, 13 A. 4600 W: the 4500 W range, 19 A, only after 5 minutes of change.
        Assert.Equal(2, commands.Count);
        Assert.Equal((0.0, 2990.0), commands[0]);
        Assert.InRange(commands[1].Seconds, 600 + 300, 600 + 300 + 120);
        Assert.Equal(4370, commands[1].Watts);
    }

    [Fact]
    public void Below_the_chargers_minimum_it_does_not_charge()
    {
        var trace = HomeSimSynthetic.Trace((600, 500, 1800));
        Assert.Empty(HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), Rule().Decide));
    }

    [Fact]
    public void Falling_jumpy_pv_is_cloudy_and_cuts_charging_to_the_minimum()
    {
        // A sawtooth: PV falls 200 W every 10 s for 100 s, then jumps back (σ ≈ 570 W > 6 kWp / 16 = 375 W).
        var segments = Enumerable.Range(0, 180).Select(i => (10, 500.0, 5000.0 - 200 * (i % 10))).ToArray();
        var rule = Rule();
        var charger = HomeSimSynthetic.Car();

        var commands = HomeSimSynthetic.Commands(HomeSimSynthetic.Trace(segments), charger, rule.Decide);

        Assert.True(rule.Cloudy);
        Assert.Equal(1380, commands[^1].Watts);
        Assert.True(commands[0].Watts > 1380, "before the clouds are detected it charges at the surplus");
    }

    [Fact]
    public void Steady_pv_is_not_cloudy()
    {
        var rule = Rule();
        HomeSimSynthetic.Commands(HomeSimSynthetic.Trace((1800, 500, 4000)), HomeSimSynthetic.Car(), rule.Decide);
        Assert.False(rule.Cloudy);
    }
}
