using System.Net;
using System.Net.Sockets;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Keba;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Keba;

/// <summary>The <c>keba</c> charger against its twin: every state, the current limits, enable, the failsafe heartbeat,
/// phase switching, the error state and a station that does not answer.</summary>
public sealed class KebaChargerTests
{
    private const ushort SetCurrent = 5004, Enable = 5014, FailsafeCurrent = 5016, FailsafeTimeout = 5018, PhaseSource = 5050, PhaseSwitch = 5052;

    private static Power W(double watts) => Power.FromWatts(watts);

    [Fact]
    public async Task An_enabled_station_with_a_car_is_ready_then_charges_after_the_reaction_delay_with_every_value_read()
    {
        await using var h = await KebaHarness.StartAsync();
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Waiting, status.State);
        Assert.Equal(2, status.DeviceStateCode);
        Assert.True(status.CarConnected);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.Equal("charging, cable locked in the station and the car", status.DeviceStateText);
        Assert.Equal(32 * 3 * 230, status.ActualPower.Watts, 3);
        Assert.Equal("22316400", h.Charger.Details["serial"]);
        Assert.Equal("3.10.13", h.Charger.Details["firmware"]);
        Assert.Equal(32.0, h.Charger.Details["current_a"]);
        Assert.Equal("230/230/230", h.Charger.Details["voltages_v"]);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Charger.RefreshAsync();
        Assert.Equal(22.08, (double)h.Charger.Details["energy_kwh"]!, 3);
    }

    [Fact]
    public async Task Each_station_state_maps_to_ours()
    {
        await using var h = await KebaHarness.StartAsync(o => o with { PhaseSwitching = true }, ("PhaseSwitching", "true"));
        async Task Expect(ChargerState state, int code)
        {
            var status = await h.Charger.RefreshAsync();
            Assert.Equal((state, code), (status.State, status.DeviceStateCode));
        }

        await Expect(ChargerState.Waiting, 2);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        await Expect(ChargerState.Charging, 3);
        Assert.True((await h.Charger.SetPowerAsync(Power.Zero)).Succeeded);
        await Expect(ChargerState.Paused, 1);
        Assert.True((await h.Charger.SetCurrentAsync(6)).Succeeded);
        Assert.True((await h.Charger.SwitchPhasesAsync(1)).Succeeded);
        await Expect(ChargerState.Paused, 5);
        h.Twin.InjectError(0x40000);
        await Expect(ChargerState.Faulted, 4);
        h.Twin.ClearError();
        h.Twin.Unplug();
        await Expect(ChargerState.NoCar, 1);
        Assert.False(h.Charger.Status.CarConnected);
    }

    [Theory]
    [InlineData(0, 7, ChargerState.Waiting)]
    [InlineData(1, 7, ChargerState.Paused)]
    [InlineData(2, 5, ChargerState.Waiting)]
    [InlineData(3, 7, ChargerState.Charging)]
    [InlineData(4, 7, ChargerState.Faulted)]
    [InlineData(4, 0, ChargerState.Faulted)]
    [InlineData(5, 7, ChargerState.Paused)]
    [InlineData(9, 7, ChargerState.Faulted)]
    [InlineData(3, 3, ChargerState.NoCar)]
    [InlineData(2, 1, ChargerState.NoCar)]
    [InlineData(1, 0, ChargerState.NoCar)]
    public void Every_charging_and_cable_state_code_maps_to_a_state(int charging, int cable, ChargerState expected)
    {
        var reading = new KebaReading(charging, cable, charging == 4 ? 0x40000u : 0, [0, 0, 0], Power.Zero, Energy.FromWattHours(0), [230, 230, 230], 16, 32, null);
        var status = reading.ToStatus(DateTimeOffset.UnixEpoch);
        Assert.Equal(expected, status.State);
        Assert.Equal(cable >= 5, status.CarConnected);
        if (charging == 4) Assert.Equal("the station reports error code 0x40000", status.FaultReason);
        if (charging == 9) Assert.Contains("unknown charging state 9", status.FaultReason);
    }

    [Fact]
    public async Task A_current_in_range_is_written_in_milliamperes_and_one_outside_or_a_negative_power_is_refused_without_writing()
    {
        await using var h = await KebaHarness.StartAsync();
        var result = await h.Charger.SetCurrentAsync(10);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([(FailsafeCurrent, (ushort)6000), (FailsafeTimeout, (ushort)60), (SetCurrent, (ushort)10000), (Enable, (ushort)1)], h.Twin.Writes);
        Assert.Equal(10000, h.Twin.CurrentMa);

        var writes = h.Twin.WriteCount;
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SetCurrentAsync(5)).Error);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SetCurrentAsync(17)).Error);
        var negative = await h.Charger.SetPowerAsync(W(-4140));
        Assert.Equal(ChargerCommandError.OutOfLimits, negative.Error);
        Assert.Contains("charges only", negative.Reason);
        Assert.Contains("cannot discharge", negative.Reason);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SetPowerAsync(W(1000))).Error);
        Assert.Equal(writes, h.Twin.WriteCount);

        Assert.True((await h.Charger.SetPowerAsync(W(5000))).Succeeded);
        Assert.Equal(7000, h.Twin.CurrentMa); // 5000 W on three phases: 7 A, the whole amperes not above it
    }

    [Fact]
    public async Task Zero_disables_the_station_and_a_power_enables_it_again()
    {
        await using var h = await KebaHarness.StartAsync();
        var stop = await h.Charger.SetPowerAsync(Power.Zero);
        Assert.True(stop.Succeeded, stop.Reason);
        Assert.False(h.Twin.Enabled);
        Assert.Equal(ChargerState.Paused, stop.Status.State);

        Assert.True((await h.Charger.SetPowerAsync(W(4140))).Succeeded);
        Assert.True(h.Twin.Enabled);
        Assert.Equal(6000, h.Twin.CurrentMa);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ChargerState.Charging, (await h.Charger.RefreshAsync()).State);
    }

    [Fact]
    public async Task No_car_refuses_a_power_but_takes_a_stop()
    {
        await using var h = await KebaHarness.StartAsync(o => o with { CarConnected = false });
        Assert.Equal(ChargerCommandError.NoCar, (await h.Charger.SetPowerAsync(W(4140))).Error);
        Assert.Empty(h.Twin.Writes);
        Assert.True((await h.Charger.SetPowerAsync(Power.Zero)).Succeeded);
    }

    [Fact]
    public async Task The_polls_beat_the_heartbeat_so_the_set_point_holds_for_hours()
    {
        await using var h = await KebaHarness.StartAsync();
        Assert.True((await h.Charger.SetCurrentAsync(10)).Succeeded);
        h.Charger.Start();
        await h.RunPollsAsync(TimeSpan.FromHours(2));
        Assert.False(h.Twin.FailsafeActive);
        Assert.Equal(10000, h.Twin.CurrentMa);
        Assert.True(h.Twin.Writes.Count(w => w.Address == FailsafeTimeout) >= 700); // one a poll, every 10 s
        Assert.Equal(ChargerState.Charging, h.Charger.Status.State);
    }

    [Fact]
    public async Task Without_the_heartbeat_the_station_falls_back_to_the_failsafe_current_and_the_next_poll_restores_the_set_point()
    {
        await using var h = await KebaHarness.StartAsync(null, ("FailsafeCurrentA", "8"), ("FailsafeTimeoutS", "30"));
        Assert.True((await h.Charger.SetCurrentAsync(12)).Succeeded);
        h.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(h.Twin.FailsafeActive);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(h.Twin.FailsafeActive);
        Assert.Equal(8000, h.Twin.CurrentMa);

        var status = await h.Charger.RefreshAsync();
        Assert.True(status.Reachable);
        Assert.Equal(12000, h.Twin.CurrentMa);
        Assert.False(h.Twin.FailsafeActive);
        Assert.Equal(12.0, h.Charger.Details["current_a"]);
    }

    [Fact]
    public async Task A_restarted_station_gets_its_failsafe_current_and_set_point_back_with_the_next_heartbeat()
    {
        await using var h = await KebaHarness.StartAsync(null, ("FailsafeCurrentA", "8"), ("FailsafeTimeoutS", "30"));
        Assert.True((await h.Charger.SetCurrentAsync(12)).Succeeded);
        Assert.Equal(8000, h.Twin.FailsafeCurrentMa);
        h.Twin.Restart();
        Assert.Equal(0, h.Twin.FailsafeCurrentMa);

        var status = await h.Charger.RefreshAsync();

        Assert.True(status.Reachable);
        Assert.Equal(8000, h.Twin.FailsafeCurrentMa);
        Assert.Equal(12000, h.Twin.CurrentMa);
        // And the failsafe works again: without heartbeats the station falls back to 8 A.
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(h.Twin.FailsafeActive);
        Assert.Equal(8000, h.Twin.CurrentMa);
    }

    [Fact]
    public async Task Failsafe_current_zero_stops_charging_when_the_heartbeat_stops()
    {
        await using var h = await KebaHarness.StartAsync(null, ("FailsafeCurrentA", "0"));
        Assert.True((await h.Charger.SetCurrentAsync(10)).Succeeded);
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(5, h.Twin.ChargingState);
        Assert.Equal(0, h.Twin.PowerW);
    }

    [Fact]
    public async Task Release_turns_the_failsafe_off_and_gives_back_the_maximum_current()
    {
        await using var h = await KebaHarness.StartAsync();
        Assert.True((await h.Charger.SetCurrentAsync(8)).Succeeded);
        var release = await h.Charger.ReleaseAsync();
        Assert.True(release.Succeeded, release.Reason);
        Assert.Equal([(FailsafeTimeout, (ushort)0), (SetCurrent, (ushort)16000)], h.Twin.Writes.TakeLast(2));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(h.Twin.FailsafeActive);
        Assert.Equal(16000, h.Twin.CurrentMa);
        var writes = h.Twin.WriteCount;
        await h.Charger.RefreshAsync();
        Assert.Equal(writes, h.Twin.WriteCount); // released: no heartbeat
    }

    [Fact]
    public async Task A_phase_switch_goes_through_the_modbus_source_pauses_and_charges_on_the_new_phases()
    {
        await using var h = await KebaHarness.StartAsync(o => o with { PhaseSwitching = true }, ("PhaseSwitching", "true"));
        Assert.True(h.Charger.Capabilities.CanSwitchPhases);
        await h.Charger.SetCurrentAsync(10);
        var result = await h.Charger.SwitchPhasesAsync(1);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([(PhaseSource, (ushort)3), (PhaseSwitch, (ushort)0)], h.Twin.Writes.TakeLast(2));
        Assert.Equal(ChargerState.Paused, result.Status.State);
        Assert.Equal(3, h.Charger.Capabilities.Phases);

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await h.Charger.RefreshAsync();
        Assert.Equal(1, h.Charger.Capabilities.Phases);
        Assert.Equal(16 * 230, h.Charger.Capabilities.MaxChargePower.Watts, 6);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.Equal(10 * 230, status.ActualPower.Watts, 3);

        Assert.True((await h.Charger.SwitchPhasesAsync(3)).Succeeded);
        Assert.Equal((PhaseSwitch, (ushort)1), h.Twin.Writes[^1]); // the source is written once
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SwitchPhasesAsync(2)).Error);
    }

    [Fact]
    public async Task A_station_without_phase_switching_refuses_a_switch_without_writing()
    {
        await using var h = await KebaHarness.StartAsync();
        Assert.False(h.Charger.Capabilities.CanSwitchPhases);
        var result = await h.Charger.SwitchPhasesAsync(1);
        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Contains("PhaseSwitching", result.Reason);
        Assert.Empty(h.Twin.Writes);
    }

    [Fact]
    public async Task An_error_is_faulted_with_its_code_and_clears_with_it()
    {
        await using var h = await KebaHarness.StartAsync();
        h.Twin.InjectError(0x40000);
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Faulted, status.State);
        Assert.True(status.Reachable);
        Assert.Equal("the station reports error code 0x40000", status.FaultReason);
        h.Twin.ClearError();
        Assert.Equal(ChargerState.Waiting, (await h.Charger.RefreshAsync()).State);
    }

    [Fact]
    public async Task A_station_that_is_gone_is_unreachable_at_once_and_faulted_after_a_minute()
    {
        var h = await KebaHarness.StartAsync();
        try
        {
            await h.Charger.RefreshAsync();
            await h.Twin.DisposeAsync();
            var status = await h.Charger.RefreshAsync();
            Assert.False(status.Reachable);
            Assert.Equal(ChargerState.Waiting, status.State);
            Assert.Equal(ChargerCommandError.Communication, (await h.Charger.SetCurrentAsync(10)).Error);
            h.Clock.Advance(TimeSpan.FromSeconds(61));
            status = await h.Charger.RefreshAsync();
            Assert.Equal(ChargerState.Faulted, status.State);
            Assert.Contains("no valid answer since", status.FaultReason);
        }
        finally
        {
            await h.Charger.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_station_that_takes_the_connection_but_never_answers_times_out_on_the_clock()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptTcpClientAsync();
        var clock = new VirtualClock();
        var spec = DeviceSpec.From(new Dictionary<string, string>
        {
            ["Type"] = "keba", ["Host"] = "127.0.0.1", ["Port"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(), ["TimeoutS"] = "3",
        });
        await using var charger = Assert.IsType<KebaCharger>(DeviceRegistry.Default.Charger(spec, new DeviceContext(clock)).Device);
        var refresh = charger.RefreshAsync();
        using var silent = await accepted;
        await Wait.Until(() => clock.NextDue is not null, "the request to wait for its answer");
        Assert.False(refresh.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3));
        var status = await refresh;
        Assert.False(status.Reachable);
        Assert.Contains("within 3 s", status.FaultReason);
    }
}
