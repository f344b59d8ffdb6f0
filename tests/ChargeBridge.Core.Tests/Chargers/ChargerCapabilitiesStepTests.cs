using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Chargers;

public sealed class ChargerCapabilitiesStepTests
{
    private static readonly ChargerCapabilities ThreePhase = ChargerCapabilities.ForCurrent(bidirectional: false, phases: 3, 6, 16);
    private static readonly ChargerCapabilities InWatts = new(true, SetPointUnit.Watts, Power.FromWatts(7400), Power.FromWatts(7400));

    [Theory]
    [InlineData(5000, 4830)]   // 7.2 A → 7 A on three phases
    [InlineData(4830, 4830)]   // a whole step stays, whatever the float arithmetic left
    [InlineData(4100, 0)]      // below the 4140 W minimum
    [InlineData(-5000, 4830)]  // a magnitude
    public void Step_down_is_the_largest_whole_ampere_power_not_above(double watts, double expected) =>
        Assert.Equal(expected, ThreePhase.StepDown(Power.FromWatts(watts)).Watts, 6);

    [Theory]
    [InlineData(4150, 4830)]
    [InlineData(4830, 4830)]
    [InlineData(1000, 4140)]   // at least the minimum
    public void Step_up_is_the_smallest_whole_ampere_power_at_or_above(double watts, double expected) =>
        Assert.Equal(expected, ThreePhase.StepUp(Power.FromWatts(watts)).Watts, 6);

    [Fact]
    public void A_charger_set_in_watts_steps_in_whole_watts()
    {
        Assert.Equal(2345, InWatts.StepDown(Power.FromWatts(2345.7)).Watts);
        Assert.Equal(2346, InWatts.StepUp(Power.FromWatts(2345.2)).Watts);
        Assert.Equal(0, InWatts.StepDown(Power.FromWatts(1000)).Watts);
    }
}
