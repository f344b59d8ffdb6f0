using ChargeBridge.Core.Simulation;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Units;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests;

public sealed class QuasarSimulatorTests : IAsyncLifetime
{
    private readonly VirtualClock _clock = new();
    private QuasarSimulator _sim = null!;
    private ModbusTcpClient _modbus = null!;

    public async Task InitializeAsync()
    {
        _sim = await QuasarSimulator.StartAsync(options: new QuasarSimulatorOptions { Clock = _clock, InitialSoc = new Percent(50) });
        _modbus = new ModbusTcpClient("127.0.0.1", _sim.Endpoint.Port, new ModbusClientOptions { Clock = _clock });
    }

    public async Task DisposeAsync()
    {
        await _modbus.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private async Task<int> Read(ushort address) => (short)(await _modbus.ReadHoldingRegistersAsync(address, 1))[0];
    private Task Write(ushort address, int value) => _modbus.WriteSingleRegisterAsync(address, (ushort)(short)value);

    private async Task TakeControl(int idleTimeoutSeconds = 600)
    {
        await Write(81, 1);
        await Write(82, 0);
        await Write(83, 1);
        await Write(88, idleTimeoutSeconds);
    }

    [Fact]
    public async Task Serves_the_documented_registers_and_refuses_others()
    {
        Assert.Equal(6, await Read(1));
        Assert.Equal(7400, await Read(514));
        Assert.Equal(17, (await _modbus.ReadHoldingRegistersAsync(526, 17)).Length);
        Assert.Equal(0, await Read(256));
        var missing = await Assert.ThrowsAsync<ModbusServerException>(() => _modbus.ReadHoldingRegistersAsync(256, 5));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, missing.Code);
        var readOnly = await Assert.ThrowsAsync<ModbusServerException>(() => Write(537, 1));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, readOnly.Code);
        var tooMuch = await Assert.ThrowsAsync<ModbusServerException>(() => Write(260, 7401));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, tooMuch.Code);
    }

    [Fact]
    public async Task Writes_take_effect_only_under_remote_control_and_release_restores_the_factory_settings()
    {
        await Write(82, 0);
        Assert.Equal(1, await Read(82));
        await TakeControl();
        Assert.Equal([1, 0, 1], (await _modbus.ReadHoldingRegistersAsync(81, 3)).Select(v => (int)v));
        Assert.Equal(600, await Read(88));
        await Write(260, 0);
        await Write(81, 0);
        Assert.Equal([0, 1, 0], (await _modbus.ReadHoldingRegistersAsync(81, 3)).Select(v => (int)v));
        Assert.Equal(0, await Read(88));
    }

    [Fact]
    public async Task Power_follows_the_set_point_after_a_delay_and_moves_the_battery_with_its_efficiencies()
    {
        await TakeControl(idleTimeoutSeconds: 0);
        await Write(257, 2);
        Assert.Equal(4, await Read(537));
        Assert.Equal(0, await Read(538)); // SoC reads 0 while idle
        await Write(260, 7400);
        await Write(257, 1);
        Assert.Equal(2, await Read(537));
        Assert.Equal(0, await Read(526));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await Read(537));
        Assert.Equal(7400, await Read(526));
        Assert.Equal(50, await Read(538));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(50 + 7.4 * 0.92 / 40 * 100, _sim.Snapshot().SocPct, 3);

        await Write(260, -4000);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(11, await Read(537));
        Assert.Equal(-4000, await Read(526));
        var before = _sim.Snapshot().SocPct;
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(before - 4.0 / 0.92 / 40 * 100, _sim.Snapshot().SocPct, 3);
    }

    [Fact]
    public async Task A_full_battery_stops_drawing_power()
    {
        await TakeControl(0);
        await Write(260, 7400);
        await Write(257, 1);
        _clock.Advance(TimeSpan.FromHours(5));
        var full = _sim.Snapshot();
        Assert.Equal(100, full.SocPct, 6);
        Assert.Equal(0, full.ActualPowerW);
        Assert.Equal(2, full.StateCode);
    }

    [Fact]
    public async Task The_idle_timeout_stops_the_charger_when_modbus_goes_quiet()
    {
        await TakeControl(600);
        await Write(260, 3000);
        await Write(257, 1);
        _clock.Advance(TimeSpan.FromSeconds(599));
        Assert.True(_sim.Snapshot().Running);
        Assert.Equal(1, await Read(537)); // traffic feeds the timeout
        _clock.Advance(TimeSpan.FromSeconds(599));
        Assert.True(_sim.Snapshot().Running);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var stopped = _sim.Snapshot();
        Assert.False(stopped.Running);
        Assert.Equal(0, stopped.ActualPowerW);
        Assert.Equal(4, stopped.StateCode);
    }

    [Fact]
    public async Task Car_app_schedule_lock_and_power_sharing_show_in_the_state()
    {
        Assert.Equal(2, _sim.Snapshot().StateCode); // autostart under user control; power follows after the delay
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await Read(537));
        Assert.Equal(7400, await Read(526));

        _sim.SetAppSchedule(true);
        Assert.Equal(3, await Read(537));
        await TakeControl();
        await Write(257, 1);
        Assert.Equal(3, await Read(537)); // the app's schedule blocks remote control
        _sim.SetAppSchedule(false);

        _sim.Unplug();
        Assert.Equal(0, await Read(537));
        _sim.SetLocked(true);
        Assert.Equal(6, await Read(537));
        Assert.Equal(1, await Read(256));
        _sim.SetLocked(false);

        _sim.PlugIn(new Percent(30));
        Assert.Equal(4, await Read(537)); // autostart is off under remote control

        _sim.SetPowerSharingError(true);
        Assert.Equal(9, await Read(537));
    }

    [Fact]
    public async Task Injected_faults_look_like_the_reported_ones()
    {
        _sim.InjectFault(QuasarFault.EmptyReads);
        Assert.Contains("byte count 0", (await Assert.ThrowsAsync<ModbusProtocolException>(() => Read(537))).Message);
        _sim.InjectFault(QuasarFault.ExceptionResponses);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ModbusExceptionCode.ServerDeviceFailure, (await Assert.ThrowsAsync<ModbusServerException>(() => Read(537))).Code);
        _sim.InjectFault(QuasarFault.TruncatedResponses);
        await Assert.ThrowsAsync<ModbusProtocolException>(() => _modbus.ReadHoldingRegistersAsync(526, 17));
        _sim.InjectFault(QuasarFault.Hang);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var hung = _modbus.ReadHoldingRegistersAsync(537, 1);
        await Wait.Until(() => _sim.UnansweredRequests == 1, "the hung request");
        _clock.Advance(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => hung);
        _sim.InjectFault(QuasarFault.None);
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(1, await Read(537));
    }

    [Fact]
    public async Task A_restart_resets_the_settings_and_reports_errors_for_the_given_time()
    {
        await TakeControl();
        _sim.Restart(TimeSpan.FromMinutes(3));
        Assert.Equal(7, await Read(537));
        Assert.Equal(0, await Read(81));
        Assert.Equal(ModbusExceptionCode.ServerDeviceFailure, (await Assert.ThrowsAsync<ModbusServerException>(() => Write(81, 1))).Code);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(2, await Read(537)); // autostart is back on, so it starts charging again
        await Write(81, 1);
        Assert.Equal(1, await Read(81));
    }
}
