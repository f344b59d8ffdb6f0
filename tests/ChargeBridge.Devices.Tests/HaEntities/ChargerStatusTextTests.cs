using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.HaEntities;

namespace ChargeBridge.Devices.Tests.HaEntities;

public sealed class ChargerStatusTextTests
{
    [Theory]
    // IEC 61851 letters
    [InlineData("A", true, ChargerState.NoCar, false)]
    [InlineData("B", true, ChargerState.Waiting, true)]
    [InlineData("B", false, ChargerState.Paused, true)]
    [InlineData("C", true, ChargerState.Charging, true)]
    [InlineData("D", true, ChargerState.Charging, true)]
    [InlineData("E", true, ChargerState.Faulted, null)]
    [InlineData("F", false, ChargerState.Faulted, null)]
    // OCPP 1.6 connector statuses as the OCPP integration shows them
    [InlineData("Available", true, ChargerState.NoCar, false)]
    [InlineData("Preparing", false, ChargerState.Paused, true)]
    [InlineData("Preparing", true, ChargerState.Waiting, true)]
    [InlineData("Charging", true, ChargerState.Charging, true)]
    [InlineData("SuspendedEV", true, ChargerState.Waiting, true)]
    [InlineData("SuspendedEVSE", true, ChargerState.Paused, true)]
    [InlineData("Finishing", false, ChargerState.Paused, true)]
    [InlineData("Faulted", true, ChargerState.Faulted, null)]
    [InlineData("Unavailable", true, ChargerState.Faulted, null)]
    // words of other integrations
    [InlineData("charging", true, ChargerState.Charging, true)]
    [InlineData("connected", true, ChargerState.Waiting, true)]
    [InlineData("disconnected", true, ChargerState.NoCar, false)]
    [InlineData("awaiting_start", false, ChargerState.Paused, true)]
    [InlineData("ready_to_charge", true, ChargerState.Waiting, true)]
    [InlineData("Waiting for car demand", true, ChargerState.Waiting, true)]
    [InlineData("connected_charging", true, ChargerState.Charging, true)]
    [InlineData("wait_car", true, ChargerState.Waiting, true)]
    [InlineData("Idle", true, ChargerState.NoCar, false)]
    [InlineData("Paused", true, ChargerState.Paused, true)]
    [InlineData("error", true, ChargerState.Faulted, null)]
    public void A_status_text_reads_as_a_state_and_whether_a_car_is_there(string text, bool enabled, ChargerState state, bool? car)
    {
        var meaning = ChargerStatusText.Describe(text, enabled);
        Assert.True(meaning.Recognised);
        Assert.Equal(state, meaning.State);
        Assert.Equal(car, meaning.CarConnected);
    }

    [Theory]
    [InlineData("Frobnicating")]
    [InlineData("")]
    [InlineData("G")]
    public void A_text_no_table_knows_is_unknown_and_not_a_guess(string text)
    {
        var meaning = ChargerStatusText.Describe(text, true);
        Assert.False(meaning.Recognised);
        Assert.Equal(ChargerState.Unknown, meaning.State);
        Assert.Null(meaning.CarConnected);
    }
}
