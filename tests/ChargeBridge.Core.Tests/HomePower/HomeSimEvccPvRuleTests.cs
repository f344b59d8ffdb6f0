using ChargeBridge.Core.HomePower;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimEvccPvRuleTests
{
    [Fact]
    public void Starts_after_a_minute_of_surplus_and_stops_three_minutes_after_it_has_gone()
    {
        var trace = HomeSimSynthetic.Trace((300, 500, 2500), (300, 500, 500));

        var commands = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvccPvRule(HomeSimSynthetic.Quasar).Decide);

        Assert.Equal(
        [
            (60.0, 1840.0),  // 2000 W export held for 1 min: 8.7 A rounded down to 8 A
            (300.0, 1380.0), // the surplus is gone: hold the 6 A minimum…
            (480.0, 0.0),    // …for 3 minutes, then stop
        ], commands);
    }

    [Fact]
    public void A_short_surplus_does_not_start_charging()
    {
        var trace = HomeSimSynthetic.Trace((45, 500, 2500), (300, 500, 500));
        Assert.Empty(HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvccPvRule(HomeSimSynthetic.Quasar).Decide));
    }

    [Fact]
    public void Follows_a_growing_surplus_once_per_interval()
    {
        var trace = HomeSimSynthetic.Trace((120, 500, 2500), (120, 500, 4000));

        var commands = HomeSimSynthetic.Commands(trace, HomeSimSynthetic.Car(), new HomeSimEvccPvRule(HomeSimSynthetic.Quasar).Decide);

        // 3500 W export: 15.2 A → 15 A at the first interval after the step.
        Assert.Equal([(60.0, 1840.0), (120.0, 3450.0)], commands);
        Assert.All(commands, c => Assert.Equal(0, c.Seconds % 30));
    }
}
