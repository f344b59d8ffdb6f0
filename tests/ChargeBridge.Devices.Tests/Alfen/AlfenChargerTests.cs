using System.Net;
using System.Net.Sockets;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Alfen;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Alfen;

/// <summary>The <c>alfen</c> charger against its twin: every mode 3 state, the current limits, the validity time as
/// heartbeat, phase switching, errors and a station that is gone.</summary>
public sealed class AlfenChargerTests
{
    private const ushort MaxCurrent = 1210, PhasesRegister = 1215;

    private static Power W(double watts) => Power.FromWatts(watts);

    [Fact]
    public async Task A_car_at_the_safe_current_charges_after_the_reaction_delay_with_every_value_read()
    {
        await using var h = await AlfenHarness.StartAsync();
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Waiting, status.State);
        Assert.Equal("mode 3 state B2", status.DeviceStateText);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.True(status.CarConnected);
        Assert.Equal(6 * 3 * 230, status.ActualPower.Watts, 2);
        Assert.Equal(6.0, h.Charger.Details["current_a"]);
        Assert.Equal(6.0, h.Charger.Details["safe_current_a"]);
        Assert.Equal(false, h.Charger.Details["set_point_used"]);
        Assert.Equal("230/230/230", h.Charger.Details["voltages_v"]);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Charger.RefreshAsync();
        Assert.Equal(4.14, (double)h.Charger.Details["energy_kwh"]!, 3);
    }

    [Theory]
    [InlineData("A", ChargerState.NoCar, false)]
    [InlineData("B1", ChargerState.Paused, true)]
    [InlineData("B2", ChargerState.Waiting, true)]
    [InlineData("C1", ChargerState.Paused, true)]
    [InlineData("C2", ChargerState.Charging, true)]
    [InlineData("D1", ChargerState.Paused, true)]
    [InlineData("D2", ChargerState.Charging, true)]
    [InlineData("E", ChargerState.Faulted, null)]
    [InlineData("F", ChargerState.Faulted, null)]
    [InlineData("X9", ChargerState.Faulted, null)]
    public void Every_mode_3_state_maps_to_a_state(string mode3, ChargerState expected, bool? car)
    {
        var status = Reading(mode3, available: true).ToStatus(DateTimeOffset.UnixEpoch);
        Assert.Equal((expected, car), (status.State, status.CarConnected));
        if (expected == ChargerState.Faulted) Assert.Contains(mode3, status.FaultReason);
    }

    [Fact]
    public void An_inoperative_socket_is_faulted_whatever_its_state()
    {
        var status = Reading("C2", available: false).ToStatus(DateTimeOffset.UnixEpoch);
        Assert.Equal(ChargerState.Faulted, status.State);
        Assert.Contains("inoperative", status.FaultReason);
    }

    /// <summary>The three blocks as the station lays them out, with the state given and NaN where a value is missing.</summary>
    private static AlfenReading Reading(string mode3, bool available)
    {
        var measurements = Enumerable.Repeat((ushort)0xFFFF, 40).ToArray();
        RegisterWords.FromFloat32(2300f).CopyTo(measurements, 344 - 306);
        var status = new ushort[16];
        status[0] = available ? (ushort)1 : (ushort)0;
        RegisterWords.FromText(mode3, 5).CopyTo(status, 1);
        status[15] = 3;
        var reading = AlfenReading.Parse(measurements, RegisterWords.FromFloat64(12_345.5), status);
        Assert.Equal([0, 0, 0], reading.VoltagesV); // NaN is no number
        Assert.Equal(2300, reading.Power.Watts);
        Assert.Equal(12.3455, reading.Delivered.KilowattHours, 6);
        return reading;
    }

    [Fact]
    public async Task A_current_in_range_is_written_as_float32_and_one_outside_or_a_negative_power_is_refused_without_writing()
    {
        await using var h = await AlfenHarness.StartAsync();
        var result = await h.Charger.SetCurrentAsync(10);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([(MaxCurrent, 10.0)], h.Twin.Writes);
        Assert.Equal(10, h.Twin.AppliedCurrentA);
        Assert.Equal(true, h.Charger.Details["set_point_used"]);
        Assert.Equal(60u, h.Charger.Details["valid_s"]);

        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SetCurrentAsync(5)).Error);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SetCurrentAsync(17)).Error);
        var negative = await h.Charger.SetPowerAsync(W(-4140));
        Assert.Equal(ChargerCommandError.OutOfLimits, negative.Error);
        Assert.Contains("charges only", negative.Reason);
        Assert.Contains("cannot discharge", negative.Reason);
        Assert.Single(h.Twin.Writes);

        Assert.True((await h.Charger.SetPowerAsync(W(7000))).Succeeded);
        Assert.Equal(10, h.Twin.Writes[^1].Value); // 7000 W on three phases: 10 A, the whole amperes not above it
    }

    [Fact]
    public async Task Zero_offers_no_current_so_the_car_pauses_and_a_power_resumes_it()
    {
        await using var h = await AlfenHarness.StartAsync();
        var stop = await h.Charger.SetPowerAsync(Power.Zero);
        Assert.True(stop.Succeeded, stop.Reason);
        Assert.Equal((MaxCurrent, 0.0), h.Twin.Writes[^1]);
        Assert.Equal(ChargerState.Paused, stop.Status.State);
        Assert.Equal("C1", h.Twin.Mode3State);

        Assert.True((await h.Charger.SetPowerAsync(W(4140))).Succeeded);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ChargerState.Charging, (await h.Charger.RefreshAsync()).State);
    }

    [Fact]
    public async Task No_car_refuses_a_power_without_writing()
    {
        await using var h = await AlfenHarness.StartAsync(o => o with { CarConnected = false });
        Assert.Equal(ChargerCommandError.NoCar, (await h.Charger.SetPowerAsync(W(4140))).Error);
        Assert.Empty(h.Twin.Writes);
        Assert.Equal(ChargerState.NoCar, h.Charger.Status.State);
    }

    [Fact]
    public async Task The_polls_write_the_set_point_again_so_it_never_lapses()
    {
        await using var h = await AlfenHarness.StartAsync();
        Assert.True((await h.Charger.SetCurrentAsync(14)).Succeeded);
        h.Charger.Start();
        await h.RunPollsAsync(TimeSpan.FromHours(2));
        Assert.True(h.Twin.SetPointValid);
        Assert.Equal(14, h.Twin.AppliedCurrentA);
        Assert.True(h.Twin.Writes.Count(w => w.Address == MaxCurrent) >= 700); // one a poll, every 10 s
        Assert.Equal(ChargerState.Charging, h.Charger.Status.State);
    }

    [Fact]
    public async Task Without_the_heartbeat_the_set_point_lapses_to_the_safe_current_and_the_next_poll_restores_it()
    {
        await using var h = await AlfenHarness.StartAsync(o => o with { SafeCurrentA = 8 });
        Assert.True((await h.Charger.SetCurrentAsync(12)).Succeeded);
        h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(12, h.Twin.AppliedCurrentA);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(h.Twin.SetPointValid);
        Assert.Equal(8, h.Twin.AppliedCurrentA);

        await h.Charger.RefreshAsync();
        Assert.Equal(12, h.Twin.AppliedCurrentA);
        Assert.Equal(true, h.Charger.Details["set_point_used"]);
    }

    [Fact]
    public async Task Release_writes_the_maximum_once_and_then_the_station_falls_back_to_its_safe_current()
    {
        await using var h = await AlfenHarness.StartAsync();
        Assert.True((await h.Charger.SetCurrentAsync(8)).Succeeded);
        var release = await h.Charger.ReleaseAsync();
        Assert.True(release.Succeeded, release.Reason);
        Assert.Equal((MaxCurrent, 16.0), h.Twin.Writes[^1]);
        var writes = h.Twin.WriteCount;
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        await h.Charger.RefreshAsync();
        Assert.Equal(writes, h.Twin.WriteCount);
        Assert.Equal(6, h.Twin.AppliedCurrentA);
    }

    [Fact]
    public async Task A_phase_switch_writes_1215_and_the_power_follows_the_new_phases()
    {
        await using var h = await AlfenHarness.StartAsync(o => o with { PhaseSwitching = true }, ("PhaseSwitching", "true"));
        Assert.True((await h.Charger.SetCurrentAsync(10)).Succeeded);
        var result = await h.Charger.SwitchPhasesAsync(1);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((PhasesRegister, 1.0), h.Twin.Writes[^1]);
        Assert.Equal(1, h.Charger.Capabilities.Phases);
        Assert.Equal(16 * 230, h.Charger.Capabilities.MaxChargePower.Watts, 6);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.Equal(10 * 230, status.ActualPower.Watts, 2);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Charger.SwitchPhasesAsync(2)).Error);
    }

    [Fact]
    public async Task Phase_switching_not_set_up_is_refused_by_the_driver_and_by_the_station()
    {
        await using var h = await AlfenHarness.StartAsync();
        var refused = await h.Charger.SwitchPhasesAsync(1);
        Assert.Equal(ChargerCommandError.OutOfLimits, refused.Error);
        Assert.Contains("PhaseSwitching", refused.Reason);

        await using var told = await AlfenHarness.StartAsync(null, ("PhaseSwitching", "true"));
        var notAllowed = await told.Charger.SwitchPhasesAsync(1);
        Assert.Equal(ChargerCommandError.Communication, notAllowed.Error);
        Assert.Contains("not taken", notAllowed.Reason);
        Assert.Empty(told.Twin.Writes);
    }

    [Fact]
    public async Task State_f_and_an_inoperative_socket_are_faults_that_clear()
    {
        await using var h = await AlfenHarness.StartAsync();
        h.Twin.SetError(true);
        var status = await h.Charger.RefreshAsync();
        Assert.Equal(ChargerState.Faulted, status.State);
        Assert.True(status.Reachable);
        Assert.Contains("state F", status.FaultReason);
        h.Twin.SetError(false);
        h.Twin.SetAvailable(false);
        Assert.Contains("inoperative", (await h.Charger.RefreshAsync()).FaultReason);
        h.Twin.SetAvailable(true);
        Assert.Equal(ChargerState.Waiting, (await h.Charger.RefreshAsync()).State);
    }

    [Fact]
    public async Task A_station_that_is_gone_is_unreachable_at_once_and_faulted_after_a_minute()
    {
        var h = await AlfenHarness.StartAsync();
        try
        {
            await h.Charger.RefreshAsync();
            await h.Twin.DisposeAsync();
            Assert.False((await h.Charger.RefreshAsync()).Reachable);
            Assert.Equal(ChargerCommandError.Communication, (await h.Charger.SetCurrentAsync(10)).Error);
            h.Clock.Advance(TimeSpan.FromSeconds(61));
            var status = await h.Charger.RefreshAsync();
            Assert.Equal(ChargerState.Faulted, status.State);
            Assert.Contains("no valid answer since", status.FaultReason);
        }
        finally
        {
            await h.Charger.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_station_that_takes_the_connection_but_never_answers_times_out_on_the_clock_and_a_command_is_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptTcpClientAsync();
        var clock = new VirtualClock();
        var spec = DeviceSpec.From(new Dictionary<string, string>
        {
            ["Type"] = "alfen", ["Host"] = "127.0.0.1", ["Port"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(), ["TimeoutS"] = "3",
        });
        await using var charger = Assert.IsType<AlfenCharger>(DeviceRegistry.Default.Charger(spec, new DeviceContext(clock)).Device);
        var command = charger.SetCurrentAsync(10);
        using var silent = await accepted;
        await Wait.Until(() => clock.NextDue is not null, "the request to wait for its answer");
        Assert.False(command.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await command;
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.False(result.Status.Reachable);
        Assert.Contains("within 3 s", result.Reason);
    }
}
