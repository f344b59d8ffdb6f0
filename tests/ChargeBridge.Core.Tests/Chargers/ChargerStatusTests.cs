using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Chargers;

public sealed class ChargerStatusTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Before_the_first_reading_the_status_is_unknown_and_not_reachable()
    {
        var status = ChargerStatus.Unknown(At);
        Assert.Equal(ChargerState.Unknown, status.State);
        Assert.Null(status.CarConnected);
        Assert.Null(status.StateOfCharge);
        Assert.False(status.Reachable);
        Assert.False(status.IsCharging || status.IsDischarging || status.IsPaused || status.IsFaulted);
    }

    [Theory]
    [InlineData(ChargerState.Charging, true, false, false, false)]
    [InlineData(ChargerState.Discharging, false, true, false, false)]
    [InlineData(ChargerState.Paused, false, false, true, false)]
    [InlineData(ChargerState.Faulted, false, false, false, true)]
    public void The_shortcuts_follow_the_state(ChargerState state, bool charging, bool discharging, bool paused, bool faulted)
    {
        var status = ChargerStatus.Unknown(At) with { State = state, ActualPower = Power.FromWatts(100) };
        Assert.Equal((charging, discharging, paused, faulted), (status.IsCharging, status.IsDischarging, status.IsPaused, status.IsFaulted));
    }

    [Fact]
    public void A_command_result_succeeds_only_without_an_error()
    {
        var status = ChargerStatus.Unknown(At);
        Assert.True(ChargerCommandResult.Done(status).Succeeded);
        var refused = ChargerCommandResult.Refused(ChargerCommandError.ControlledByApp, "app schedule", status);
        Assert.False(refused.Succeeded);
        Assert.Equal("app schedule", refused.Reason);
    }
}
