using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaEntities;

namespace ChargeBridge.Devices.Tests.HaEntities;

public sealed class CurrentSetPointTests
{
    private static readonly HaEntitiesOptions ThreePhase = new() { Enable = "switch.c", Current = "number.c", Status = "sensor.c" };

    [Theory]
    [InlineData(4140, 6)]
    [InlineData(5000, 7)] // 7.25 A rounds down
    [InlineData(11040, 16)]
    [InlineData(11500, 16)] // held at the maximum
    [InlineData(1, 6)] // held at the minimum
    [InlineData(4139, 6)]
    public void A_power_becomes_whole_amperes_rounded_down_within_the_range(double watts, int amperes)
    {
        var setPoint = CurrentSetPoint.For(Power.FromWatts(watts), ThreePhase);
        Assert.Equal(3, setPoint.Phases);
        Assert.Equal(amperes, setPoint.Amperes);
        Assert.Equal(amperes * 3 * 230, setPoint.Power.Watts, 6);
    }

    [Fact]
    public void A_single_phase_charger_converts_on_one_phase_and_its_voltage()
    {
        var options = ThreePhase with { Phases = 1, MaxCurrentA = 32, VoltageV = 240 };
        Assert.Equal(new CurrentSetPoint(1, 15, 240), CurrentSetPoint.For(Power.FromWatts(3600), options));
        Assert.Equal(new CurrentSetPoint(1, 6, 240), CurrentSetPoint.For(Power.FromWatts(1000), options));
    }

    [Theory]
    [InlineData(1380, 1, 6)]
    [InlineData(3000, 1, 13)]
    [InlineData(3900, 1, 16)] // between the one-phase maximum and the three-phase minimum: one phase at its maximum
    [InlineData(4140, 3, 6)]
    [InlineData(9000, 3, 13)]
    public void With_a_phase_select_small_powers_go_on_one_phase(double watts, int phases, int amperes)
    {
        var setPoint = CurrentSetPoint.For(Power.FromWatts(watts), ThreePhase with { PhaseSelect = "select.c_phases" });
        Assert.Equal((phases, amperes), (setPoint.Phases, setPoint.Amperes));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("force_1", 1)]
    [InlineData("3 phases", 3)]
    [InlineData("auto", null)]
    [InlineData("1/3 auto", null)]
    public void A_phase_option_is_read_by_the_digit_it_holds(string option, int? phases) =>
        Assert.Equal(phases, HaEntitiesCharger.PhasesOf(option));
}
