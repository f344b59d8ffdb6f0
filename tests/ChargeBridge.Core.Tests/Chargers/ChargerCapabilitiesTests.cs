using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Chargers;

public sealed class ChargerCapabilitiesTests
{
    private static readonly ChargerCapabilities Quasar = new(true, SetPointUnit.Watts, Power.FromWatts(7400), Power.FromWatts(5000));

    [Theory]
    [InlineData(0)]
    [InlineData(7400)]
    [InlineData(-5000)]
    [InlineData(1)]
    public void Power_inside_the_limits_is_allowed(double watts) => Assert.Null(Quasar.Refusal(Power.FromWatts(watts)));

    [Theory]
    [InlineData(7400.5, "above the maximum charge power 7400 W")]
    [InlineData(-5001, "beyond the maximum discharge power 5000 W")]
    [InlineData(double.NaN, "not a number")]
    [InlineData(double.PositiveInfinity, "above the maximum charge power")]
    public void Power_outside_the_limits_is_refused_with_the_reason(double watts, string reason) =>
        Assert.Contains(reason, Quasar.Refusal(Power.FromWatts(watts)));

    [Fact]
    public void A_charger_that_cannot_discharge_refuses_any_negative_power()
    {
        var oneWay = Quasar with { Bidirectional = false, MaxDischargePower = Power.Zero };
        Assert.Contains("cannot discharge", oneWay.Refusal(Power.FromWatts(-1)));
        Assert.Null(oneWay.Refusal(Power.FromWatts(3000)));
    }

    [Theory]
    [InlineData(1, 6, 16, 1380, 3680)]
    [InlineData(3, 6, 16, 4140, 11040)]
    [InlineData(3, 6, 32, 4140, 22080)]
    public void A_current_charger_s_powers_follow_from_its_currents_and_phases(int phases, double min, double max, double minWatts, double maxWatts)
    {
        var charger = ChargerCapabilities.ForCurrent(bidirectional: false, phases, min, max);
        Assert.Equal(minWatts, charger.MinPower.Watts, 6);
        Assert.Equal(maxWatts, charger.MaxChargePower.Watts, 6);
        Assert.Equal(Power.Zero, charger.MaxDischargePower);
        Assert.Equal(phases, charger.Phases);
        Assert.Equal(max, charger.AmperesFor(charger.MaxChargePower), 6);
        Assert.Equal("the charger cannot discharge", charger.Refusal(Power.FromWatts(-2000)));
    }

    [Fact]
    public void Without_a_minimum_of_its_own_a_charger_holds_6_A_on_one_phase() =>
        Assert.Equal(1380, Quasar.MinPower.Watts, 6);
}
