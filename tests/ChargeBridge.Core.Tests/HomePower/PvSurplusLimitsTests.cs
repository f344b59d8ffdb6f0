using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class PvSurplusLimitsTests
{
    private static readonly ChargerCapabilities ThreePhase16A = ChargerCapabilities.ForCurrent(false, 3, 6, 16, canSwitchPhases: true);

    [Fact]
    public void Rounds_down_to_whole_amperes_on_the_phases_in_use()
    {
        var limits = PvSurplusLimits.For(ThreePhase16A, 3);

        Assert.Equal(Power.FromWatts(7 * 3 * 230), limits.RoundDown(Power.FromWatts(5500)));
    }

    [Fact]
    public void Below_the_minimum_is_not_enough_and_above_the_maximum_is_the_maximum()
    {
        var limits = PvSurplusLimits.For(ThreePhase16A, 3);

        Assert.Equal(Power.Zero, limits.RoundDown(Power.FromWatts(4139)));
        Assert.Equal(Power.FromWatts(4140), limits.RoundDown(Power.FromWatts(4140)));
        Assert.Equal(Power.FromWatts(16 * 3 * 230), limits.RoundDown(Power.FromKilowatts(30)));
    }

    [Fact]
    public void The_other_phase_count_keeps_the_same_currents()
    {
        var one = PvSurplusLimits.For(ThreePhase16A, 1);

        Assert.Equal((Power.FromWatts(6 * 230), Power.FromWatts(16 * 230)), (one.Min, one.Max));
        Assert.Equal(Power.FromWatts(10 * 230), one.RoundDown(Power.FromWatts(2400)));
    }

    [Fact]
    public void A_charger_set_in_watts_rounds_to_whole_watts()
    {
        var watts = new ChargerCapabilities(false, SetPointUnit.Watts, Power.FromKilowatts(11), Power.Zero) { MinPower = Power.FromWatts(1400) };

        Assert.Equal(Power.FromWatts(3333), PvSurplusLimits.For(watts, 1).RoundDown(Power.FromWatts(3333.7)));
    }

    [Fact]
    public void A_minimum_that_is_not_a_whole_ampere_still_holds()
    {
        var odd = ChargerCapabilities.ForCurrent(false, 1, 6.5, 16);

        Assert.Equal(odd.MinPower, PvSurplusLimits.For(odd, 1).RoundDown(Power.FromWatts(1600)));
    }
}
