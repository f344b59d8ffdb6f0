using ChargeBridge.Core.Control;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Control;

public class ChargerCommandGateTests
{
    private static readonly ChargerCommand Discharge = ChargerCommand.Set(Power.FromWatts(-7400));
    private readonly ChargerCommandGate _gate = new();

    [Fact]
    public void A_command_goes_out_once_while_the_charger_keeps_it_and_again_after_a_refusal()
    {
        Assert.True(_gate.ShouldSend(Discharge, true, true));
        _gate.Sent(Discharge, taken: true);
        Assert.False(_gate.ShouldSend(Discharge, true, true));
        Assert.True(_gate.ShouldSend(ChargerCommand.Release, true, true));
        _gate.Sent(ChargerCommand.Release, taken: false);
        Assert.True(_gate.ShouldSend(ChargerCommand.Release, true, true));
    }

    [Fact]
    public void Stops_are_left_to_the_driver_without_a_car_and_while_it_reads_a_new_cars_SoC()
    {
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, false, false));
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, null, false));
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, true, chargerKnowsSoc: false));
        Assert.True(_gate.ShouldSend(ChargerCommand.Stop, true, chargerKnowsSoc: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_stop_after_a_power_goes_out_though_the_charger_does_not_know_the_SoC(bool powerTaken)
    {
        _gate.Sent(Discharge, powerTaken);
        Assert.True(_gate.ShouldSend(ChargerCommand.Stop, true, chargerKnowsSoc: false));
        _gate.Sent(ChargerCommand.Stop, taken: true);
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, true, chargerKnowsSoc: false));
    }

    [Fact]
    public void Unplugging_ends_the_power_so_the_next_cars_SoC_reading_is_left_alone()
    {
        _gate.Sent(Discharge, taken: true);
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, false, false));
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, true, chargerKnowsSoc: false));
    }
}
