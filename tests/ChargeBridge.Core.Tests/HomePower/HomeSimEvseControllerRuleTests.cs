using ChargeBridge.Core.HomePower;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimEvseControllerRuleTests
{
    [Fact]
    public void A_two_kilowatt_export_step_is_followed_in_one_command()
    {
        var trace = HomeSimSynthetic.Trace((30, 500, 500), (120, 500, 2500));
        var charger = HomeSimSynthetic.Car();

        var commands = HomeSimSynthetic.Commands(trace, charger, new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar).Decide);

        // −2000 W / 230 V = −8.7 A → 9 A; afterwards the meter shows +70 W, which rounds to 0 A: no change.
        Assert.Equal([(30.0, 2070.0)], commands);
        Assert.Equal(2070, charger.Actual.Watts, 9);
    }

    [Theory]
    [InlineData(400)]   // −1.7 A rounds to 2 A: treated as 0
    [InlineData(200)]
    public void Two_amperes_or_less_is_zero(double exportWatts)
    {
        var trace = HomeSimSynthetic.Trace((60, 500, 500 + exportWatts));
        Assert.Empty(HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar).Decide));
    }

    [Fact]
    public void Three_to_five_amperes_is_raised_to_the_chargers_minimum()
    {
        var trace = HomeSimSynthetic.Trace((10, 500, 1200));
        var commands = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar).Decide);
        Assert.Equal([(0.0, 1380.0)], commands);
    }

    [Fact]
    public void Import_is_covered_by_discharging_unless_only_charging_is_allowed()
    {
        var trace = HomeSimSynthetic.Trace((30, 1500, 0));

        var bidirectional = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar).Decide);
        var chargeOnly = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(),
            new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar, allowDischarge: false).Decide);

        Assert.Equal([(0.0, -1610.0)], bidirectional);  // 1500 / 230 = 6.5 → 7 A
        Assert.Empty(chargeOnly);
    }

    [Fact]
    public void Changes_wait_longer_after_bigger_steps()
    {
        // The meter swings every second; commands can come no faster than the settling waits allow.
        var trace = HomeSimSynthetic.Trace(Enumerable.Range(0, 120).Select(i => (1, 500.0, i % 2 == 0 ? 3000.0 : 0.0)).ToArray());
        var commands = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvseControllerRule(HomeSimSynthetic.Quasar).Decide);

        Assert.True(commands.Count >= 3);
        Assert.True(commands[1].Seconds - commands[0].Seconds >= 21.9, "after a start");
        Assert.All(commands.Zip(commands.Skip(1)), pair => Assert.True(pair.Second.Seconds - pair.First.Seconds >= 5.9));
        Assert.Equal(21.9, HomeSimEvseControllerRule.SettlingWait(0, 9).TotalSeconds, 9);
        Assert.Equal(5.9, HomeSimEvseControllerRule.SettlingWait(9, 10).TotalSeconds, 9);
        Assert.Equal(7.9, HomeSimEvseControllerRule.SettlingWait(9, 7).TotalSeconds, 9);
        Assert.Equal(10.9, HomeSimEvseControllerRule.SettlingWait(9, 0).TotalSeconds, 9);
        Assert.Equal(10.9, HomeSimEvseControllerRule.SettlingWait(9, -9).TotalSeconds, 9);
    }
}
