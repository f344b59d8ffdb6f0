using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.NrgKick;

/// <summary>The <c>nrgkick</c> charger against its twin: reading, the current limits, and the retry-and-verify rule.</summary>
public sealed class NrgKickChargerTests
{
    private static Power W(double watts) => Power.FromWatts(watts);

    [Fact]
    public async Task A_connected_car_not_charging_is_paused_with_its_details()
    {
        await using var h = await NrgKickHarness.StartAsync();
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Paused, status.State);
        Assert.True(status.CarConnected);
        Assert.True(status.Reachable);
        Assert.Equal("230/230/230", h.Charger.Details["voltages_v"]);
        Assert.Equal(3, h.Charger.Capabilities.Phases);
    }

    [Fact]
    public async Task The_phases_follow_the_live_voltages()
    {
        await using var h = await NrgKickHarness.StartAsync();
        h.Twin.SetPhases(1);
        await h.Charger.RefreshAsync();
        Assert.Equal(1, h.Charger.Capabilities.Phases);
        Assert.Equal(3680, h.Charger.Capabilities.MaxChargePower.Watts, 6);
    }

    [Fact]
    public async Task No_car_is_disconnected_and_refuses_power_without_writing()
    {
        await using var h = await NrgKickHarness.StartAsync();
        h.Twin.SetCarConnected(false);
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.NoCar, status.State);
        Assert.False(status.CarConnected);
        var result = await h.RunAsync(() => h.Charger.SetPowerAsync(W(4140)));
        Assert.Equal(ChargerCommandError.NoCar, result.Error);
        Assert.True((await h.RunAsync(() => h.Charger.SetPowerAsync(Power.Zero))).Succeeded);
        Assert.Equal(0, h.Twin.Writes);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task No_content_found_is_no_car_whatever_its_http_status(int status)
    {
        await using var h = await NrgKickHarness.StartAsync(o => o with { NoContentStatus = status });
        h.Twin.SetCarConnected(false);
        var read = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.NoCar, read.State);
        Assert.True(read.Reachable, read.FaultReason);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    public async Task A_current_outside_6_to_16_A_is_refused_with_nothing_written(int amperes)
    {
        await using var h = await NrgKickHarness.StartAsync();
        var result = await h.RunAsync(() => h.Charger.SetCurrentAsync(amperes));
        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Equal(0, h.Twin.Writes);
    }

    [Fact]
    public async Task A_power_below_6_A_or_above_16_A_is_refused()
    {
        await using var h = await NrgKickHarness.StartAsync();
        await h.Charger.RefreshAsync();
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.RunAsync(() => h.Charger.SetPowerAsync(W(3000)))).Error);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.RunAsync(() => h.Charger.SetPowerAsync(W(12000)))).Error);
        Assert.Equal(0, h.Twin.Writes);
    }

    [Fact]
    public async Task A_power_is_written_as_whole_amperes_and_confirmed_by_the_read_back()
    {
        await using var h = await NrgKickHarness.StartAsync();
        var result = await h.RunAsync(() => h.Charger.SetPowerAsync(W(7000)));
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(10, h.Twin.CurrentA); // 7000 W / (3 × 230 V) = 10.1 A
        Assert.True(h.Twin.Charging);
        Assert.Equal(ChargerState.Charging, result.Status.State);
        Assert.Equal(6900, result.Status.ActualPower.Watts, 6);
        Assert.Equal(1, h.Twin.Writes);

        var stop = await h.RunAsync(() => h.Charger.SetPowerAsync(Power.Zero));
        Assert.True(stop.Succeeded, stop.Reason);
        Assert.False(h.Twin.Charging);
        Assert.Equal(ChargerState.Paused, stop.Status.State);
    }

    [Fact]
    public async Task Release_puts_the_maximum_current_back_and_leaves_charging_as_it_is()
    {
        await using var h = await NrgKickHarness.StartAsync(("MaxCurrentA", "14"));
        var released = await h.RunAsync(() => h.Charger.ReleaseAsync());
        Assert.True(released.Succeeded, released.Reason);
        Assert.Equal(14, h.Twin.CurrentA);
        Assert.False(h.Twin.Charging);

        await h.RunAsync(() => h.Charger.SetCurrentAsync(6));
        released = await h.RunAsync(() => h.Charger.ReleaseAsync());
        Assert.True(released.Succeeded, released.Reason);
        Assert.Equal(14, h.Twin.CurrentA);
        Assert.True(h.Twin.Charging);
        Assert.Equal(ChargerState.Charging, released.Status.State);
    }

    [Fact]
    public async Task A_dropped_write_is_written_again_and_then_confirmed()
    {
        await using var h = await NrgKickHarness.StartAsync();
        h.Twin.DropWrites(1);
        var result = await h.RunAsync(() => h.Charger.SetCurrentAsync(16));
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(2, h.Twin.Writes);
        Assert.Equal(16, h.Twin.CurrentA);
    }

    [Fact]
    public async Task Writes_that_never_take_are_reported_after_the_bound()
    {
        await using var h = await NrgKickHarness.StartAsync(("Attempts", "4"));
        h.Twin.DropWrites(100);
        var start = h.Clock.GetUtcNow();
        var result = await h.RunAsync(() => h.Charger.SetCurrentAsync(8));
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.Contains("not confirmed after 4 attempts", result.Reason);
        Assert.Equal(4, h.Twin.Writes);
        Assert.Equal(TimeSpan.FromSeconds(80), h.Clock.GetUtcNow() - start); // four settle waits of 20 s
        Assert.False(h.Twin.Charging);
    }

    [Fact]
    public async Task Enabling_that_never_yields_power_is_a_full_car()
    {
        await using var h = await NrgKickHarness.StartAsync();
        h.Twin.SetCarFull(true);
        var result = await h.RunAsync(() => h.Charger.SetCurrentAsync(12));
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(3, h.Twin.Writes);
        Assert.Equal(ChargerState.Paused, result.Status.State);
        Assert.StartsWith("car full", result.Status.DeviceStateText);
        Assert.Equal(ChargerState.Paused, (await h.Charger.RefreshAsync()).State); // a poll keeps it full

        h.Twin.SetCarFull(false);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ChargerState.Charging, (await h.Charger.RefreshAsync()).State);
    }

    [Fact]
    public async Task A_charger_in_error_is_not_a_full_car()
    {
        await using var h = await NrgKickHarness.StartAsync();
        h.Twin.SetErrorCode(41);
        var result = await h.RunAsync(() => h.Charger.SetCurrentAsync(12));
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.Equal(ChargerState.Faulted, result.Status.State);
        Assert.Contains("error code 41", result.Status.FaultReason);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_without_the_password()
    {
        const string wrong = "not-the-pass-42";
        await using var h = await NrgKickHarness.StartAsync(("Password", wrong));
        var status = await h.Charger.RefreshAsync();
        Assert.False(status.Reachable);
        Assert.Contains("refused the password", status.FaultReason);
        var result = await h.RunAsync(() => h.Charger.SetCurrentAsync(10));
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        foreach (var text in new[] { status.FaultReason!, result.Reason!, h.Charger.ToString()! })
        {
            Assert.DoesNotContain(wrong, text);
            Assert.DoesNotContain(NrgKickHarness.Password, text);
        }
        Assert.Equal(0, h.Twin.Writes);
    }

    [Fact]
    public async Task A_device_that_does_not_answer_times_out_and_faults_later()
    {
        await using var h = await NrgKickHarness.StartAsync(("TimeoutS", "5"));
        await h.Charger.RefreshAsync();
        h.Twin.Hang(true);
        var refresh = h.Charger.RefreshAsync();
        await Wait.Until(() => h.Clock.NextDue is not null && h.Twin.Requests >= 3, "the hung request");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var status = await refresh;
        Assert.False(status.Reachable);
        Assert.Equal(ChargerState.Paused, status.State); // one lost answer does not flap the state
        Assert.Contains("no answer within 5 s", status.FaultReason);

        h.Clock.Advance(TimeSpan.FromSeconds(60));
        refresh = h.Charger.RefreshAsync();
        await Wait.Until(() => h.Clock.NextDue is not null && h.Twin.Requests >= 4, "the second hung request");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(ChargerState.Faulted, (await refresh).State);
    }
}
