using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Modbus;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests;

/// <summary>The Quasar twin with a reaction delay and a ramp: set points written over Modbus, time moved virtually.</summary>
public sealed class QuasarSimulatorReactionTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
    }

    private async Task<(QuasarSimulator Sim, ModbusTcpClient Modbus)> Start(double rampWattsPerSecond = 1000, Energy? capacity = null, double soc = 50)
    {
        var sim = await QuasarSimulator.StartAsync(options: new QuasarSimulatorOptions
        {
            Clock = _clock, ReactionDelay = Delay, RampWattsPerSecond = rampWattsPerSecond,
            BatteryCapacity = capacity ?? Energy.FromKilowattHours(40), InitialSoc = new Percent(soc),
        });
        _owned.Add(sim);
        var modbus = new ModbusTcpClient("127.0.0.1", sim.Endpoint.Port, new ModbusClientOptions { Clock = _clock });
        _owned.Add(modbus);
        // remote control, autostart off, set points in W, no idle timeout; then start
        foreach (var (address, value) in new (ushort, int)[] { (81, 1), (82, 0), (83, 1), (88, 0), (257, 1) })
            await modbus.WriteSingleRegisterAsync(address, (ushort)(short)value);
        return (sim, modbus);
    }

    private static Task SetPower(ModbusTcpClient modbus, int watts) => modbus.WriteSingleRegisterAsync(260, (ushort)(short)watts);
    private static async Task<int> Read(ModbusTcpClient modbus, ushort address) => (short)(await modbus.ReadHoldingRegistersAsync(address, 1))[0];
    private void Advance(double seconds) => _clock.Advance(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task A_set_point_takes_effect_after_the_delay_and_the_power_ramps_to_it()
    {
        var (sim, modbus) = await Start();
        await SetPower(modbus, 3000);

        Advance(2.9);
        Assert.Equal(0, await Read(modbus, 526));
        Assert.Equal(2, await Read(modbus, 537)); // waiting for the power to come
        Advance(0.1);
        Assert.Equal(0, sim.ActualPower.Watts);
        Advance(0.5);
        Assert.Equal(500, await Read(modbus, 526));
        Assert.Equal(1, await Read(modbus, 537));
        Advance(0.5);
        Assert.Equal(1000, sim.ActualPower.Watts, 6);
        Advance(2);
        Assert.Equal(3000, await Read(modbus, 526));
        Advance(10);
        Assert.Equal(3000, sim.Snapshot().ActualPowerW);
        Assert.Equal(3000, sim.Snapshot().PowerSetPointW);
    }

    [Fact]
    public async Task The_battery_sees_the_ramped_power()
    {
        var (sim, modbus) = await Start();
        await SetPower(modbus, 3000);
        Advance(3 + 3 + 3600); // delay, ramp, an hour at 3 kW

        // AC: the ramp's triangle (3000 W × 3 s / 2) and an hour at 3000 W, stored at 92 %, on 40 kWh
        var acWattSeconds = 3000 * 3 / 2.0 + 3000 * 3600;
        Assert.Equal(50 + acWattSeconds / 3600 * 0.92 / 40_000 * 100, sim.Snapshot().SocPct, 9);
    }

    [Fact]
    public async Task A_zero_set_point_ramps_down_after_the_delay()
    {
        var (sim, modbus) = await Start();
        await SetPower(modbus, 3000);
        Advance(6);
        Assert.Equal(3000, sim.ActualPower.Watts);

        await SetPower(modbus, 0);
        Advance(3);
        Assert.Equal(3000, await Read(modbus, 526));
        Advance(1);
        Assert.Equal(2000, await Read(modbus, 526));
        Advance(1.5);
        Assert.Equal(500, sim.ActualPower.Watts, 6);
        Assert.Equal(1, await Read(modbus, 537));
        Advance(0.5);
        Assert.Equal(0, await Read(modbus, 526));
        Assert.Equal(2, await Read(modbus, 537));
    }

    [Fact]
    public async Task A_stop_ramps_down_too_and_reports_charging_until_the_power_is_gone()
    {
        var (sim, modbus) = await Start();
        await SetPower(modbus, 2000);
        Advance(5);
        await modbus.WriteSingleRegisterAsync(257, 2);
        Advance(3.5);
        Assert.Equal(1500, sim.ActualPower.Watts, 6);
        Assert.Equal(1, await Read(modbus, 537));
        Advance(1.5);
        Assert.Equal(0, sim.ActualPower.Watts);
        Assert.Equal(4, await Read(modbus, 537));
    }

    [Fact]
    public async Task Charging_to_discharging_ramps_through_zero_with_each_directions_efficiency()
    {
        var (sim, modbus) = await Start();
        await SetPower(modbus, 1000);
        Advance(4);
        Assert.Equal(1000, sim.ActualPower.Watts);

        await SetPower(modbus, -1000);
        var before = sim.Snapshot().SocPct;
        Advance(3 + 0.5);
        Assert.Equal(500, await Read(modbus, 526));
        Advance(1);
        Assert.Equal(-500, await Read(modbus, 526));
        Assert.Equal(11, await Read(modbus, 537));
        Advance(0.5);
        // 3 s more at +1000 W and 1 s down to 0 (3500 W·s in at 92 %), then 1 s down to −1000 W (500 W·s out at 1/92 %)
        var expected = before + (3500 * 0.92 - 500 / 0.92) / 3600 / 40_000 * 100;
        Assert.Equal(expected, sim.Snapshot().SocPct, 9);
        Assert.Equal(-1000, sim.ActualPower.Watts);
    }

    [Fact]
    public async Task A_battery_filling_during_the_ramp_stops_the_power_at_once()
    {
        // 1 Wh at 99 %: 36 W·s of room, filled by 36 / 0.92 W·s of AC after √(2 · 39.13 / 1000) ≈ 0.28 s of ramp
        var (sim, modbus) = await Start(capacity: Energy.FromWattHours(1), soc: 99);
        await SetPower(modbus, 3000);
        Advance(3.25);
        Assert.Equal(250, sim.ActualPower.Watts, 6);
        Assert.True(sim.Snapshot().SocPct < 100);
        Advance(0.05);
        var full = sim.Snapshot();
        Assert.Equal(100, full.SocPct, 9);
        Assert.Equal(0, full.ActualPowerW);
        Assert.Equal(2, full.StateCode);
        Advance(10);
        Assert.Equal(0, sim.ActualPower.Watts);
    }

    [Fact]
    public async Task Each_set_point_takes_effect_in_order_after_its_own_delay()
    {
        var (sim, modbus) = await Start(rampWattsPerSecond: double.PositiveInfinity);
        await SetPower(modbus, 1000);
        Advance(1);
        await SetPower(modbus, 2000);
        Advance(1);
        await SetPower(modbus, 0);

        Advance(0.999);
        Assert.Equal(0, sim.ActualPower.Watts);
        Advance(0.001);
        Assert.Equal(1000, sim.ActualPower.Watts);
        Advance(1);
        Assert.Equal(2000, sim.ActualPower.Watts);
        Advance(1);
        Assert.Equal(0, sim.ActualPower.Watts);
        Assert.Equal([1000, 2000, 0], sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task Unplugging_cuts_the_power_at_once()
    {
        var (sim, modbus) = await Start();
        await SetPower(modbus, 3000);
        Advance(6);
        sim.Unplug();
        Assert.Equal(0, sim.ActualPower.Watts);
        Assert.Equal(0, await Read(modbus, 537));
        Advance(10);
        Assert.Equal(0, sim.ActualPower.Watts);
    }
}
