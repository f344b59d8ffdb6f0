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
        Assert.True(_gate.ShouldSend(Discharge, true));
        _gate.Sent(Discharge, taken: true);
        Assert.False(_gate.ShouldSend(Discharge, true));
        Assert.True(_gate.ShouldSend(ChargerCommand.Release, true));
        _gate.Sent(ChargerCommand.Release, taken: false);
        Assert.True(_gate.ShouldSend(ChargerCommand.Release, true));
    }

    [Fact]
    public void Stops_are_left_to_the_driver_without_a_car_or_while_it_cannot_tell()
    {
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, false));
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, null));
        Assert.True(_gate.ShouldSend(ChargerCommand.Stop, true));
    }

    [Fact]
    public void A_stop_after_a_power_goes_out_once()
    {
        _gate.Sent(Discharge, taken: true);
        Assert.True(_gate.ShouldSend(ChargerCommand.Stop, true));
        _gate.Sent(ChargerCommand.Stop, taken: true);
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, true));
    }

    [Fact]
    public void After_an_unplug_the_next_stop_is_sent_again()
    {
        _gate.Sent(ChargerCommand.Stop, taken: true);
        Assert.False(_gate.ShouldSend(ChargerCommand.Stop, false));
        Assert.True(_gate.ShouldSend(ChargerCommand.Stop, true));
    }
}
