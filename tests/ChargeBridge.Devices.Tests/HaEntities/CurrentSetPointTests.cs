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
    [InlineData(3900, 1, 16)] // above the one-phase maximum: held there
    [InlineData(1000, 1, 6)]
    [InlineData(3000, 3, 6)] // below the three-phase minimum: raised to it, not moved to one phase
    [InlineData(7000, 3, 10)]
    [InlineData(9000, 3, 13)]
    public void A_power_converts_on_the_phases_in_use_now(double watts, int phases, int amperes)
    {
        // A switchable charger is wired for three phases; the conversion follows the phases it charges on now.
        var setPoint = CurrentSetPoint.For(Power.FromWatts(watts), phases, ThreePhase with { PhasesEntity = "select.c_phases" });
        Assert.Equal((phases, amperes), (setPoint.Phases, setPoint.Amperes));
        Assert.Equal(amperes * phases * 230, setPoint.Power.Watts, 6);
    }

    [Fact]
    public void Phases_other_than_one_or_three_are_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CurrentSetPoint.For(Power.FromWatts(5000), 2, ThreePhase));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("1.0", 1)] // a number entity's state
    [InlineData("3.0", 3)]
    [InlineData(" 3 ", 3)]
    [InlineData("2", null)] // go-e's psm code for three phases is not a phase count
    [InlineData("0", null)]
    [InlineData("13", null)]
    [InlineData("1p", 1)]
    [InlineData("3p", 3)]
    [InlineData("force_1", 1)]
    [InlineData("Force_3", 3)]
    [InlineData("3 phases", 3)]
    [InlineData("auto", null)]
    [InlineData("1/3 auto", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_phases_state_is_read_as_a_count_or_by_the_digit_it_holds(string? state, int? phases) =>
        Assert.Equal(phases, PhaseText.Phases(state));

    [Fact]
    public void The_option_for_a_phase_count_is_the_first_that_names_it() =>
        Assert.Equal(("Force_1", "Force_3", null), (PhaseText.OptionFor(["Auto", "Force_1", "Force_3"], 1),
            PhaseText.OptionFor(["Auto", "Force_1", "Force_3"], 3), PhaseText.OptionFor(["Auto", "Force_1"], 3)));
}
