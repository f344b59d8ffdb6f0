using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Keba;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Keba;

/// <summary>The <c>keba</c> charger against a KEBA register map served by pymodbus (Debian python3-pymodbus), laid out
/// by a script of its own: the status is read from it, and the set points written land in its registers.</summary>
public sealed class KebaPymodbusPeerTests
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "ChargeBridge.Devices.Tests", "Keba", "peers", "keba_server.py");

    private static async Task<(PeerProcess Peer, int Port)> StartPeerAsync(object station)
    {
        var (peer, port) = await PeerProcess.StartAsync("/usr/bin/python3", "Debian package python3-pymodbus", Script, JsonSerializer.Serialize(station));
        return (peer, int.Parse(port, CultureInfo.InvariantCulture));
    }

    private static KebaCharger Build(int port, params (string Key, string Value)[] keys)
    {
        var section = new Dictionary<string, string> { ["Type"] = "keba", ["Host"] = "127.0.0.1", ["Port"] = port.ToString(CultureInfo.InvariantCulture) };
        foreach (var (key, value) in keys) section[key] = value;
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(TimeProvider.System));
        Assert.Empty(build.Problems);
        return Assert.IsType<KebaCharger>(build.Device);
    }

    [Fact]
    public async Task A_charging_station_served_by_pymodbus_reads_with_every_value()
    {
        var (peer, port) = await StartPeerAsync(new
        {
            state = 3, cable = 7, currents_ma = new[] { 15_980, 16_020, 16_010 }, power_mw = 11_043_500, energy_01wh = 123_456_7,
            voltages = new[] { 231, 229, 230 }, max_current_ma = 16_000, max_supported_ma = 32_000, serial = 18_416_854, product = 304_111,
            firmware = 0x030A_0E00,
        });
        using var _ = peer;
        await using var charger = Build(port);
        var status = await charger.RefreshAsync();

        Assert.True(status.Reachable, status.FaultReason);
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.True(status.CarConnected);
        Assert.Equal(11_043.5, status.ActualPower.Watts, 6);
        Assert.Equal("18416854", charger.Details["serial"]);
        Assert.Equal("3.10.14", charger.Details["firmware"]);
        Assert.Equal("231/229/230", charger.Details["voltages_v"]);
        Assert.Equal(123.4567, (double)charger.Details["energy_kwh"]!, 6);
        Assert.Equal(16.0, charger.Details["current_a"]);
        Assert.Equal(32.0, charger.Details["max_supported_current_a"]);
    }

    [Fact]
    public async Task The_set_points_written_land_in_the_pymodbus_registers_and_read_back_through_its_echo()
    {
        var (peer, port) = await StartPeerAsync(new { state = 2, cable = 7 });
        using var _ = peer;
        await using var charger = Build(port, ("FailsafeCurrentA", "7"), ("FailsafeTimeoutS", "45"));
        await using var raw = new ModbusTcpClient("127.0.0.1", port, new ModbusClientOptions { UnitId = 255 });

        var result = await charger.SetCurrentAsync(11);
        Assert.True(result.Succeeded, result.Reason);
        var stored = new List<int>();
        foreach (var address in new ushort[] { 5004, 5014, 5016, 5018 }) stored.Add((await raw.ReadHoldingRegistersAsync(address, 1))[0]);
        Assert.Equal([11_000, 1, 7_000, 45], stored);
        Assert.Equal(ChargerState.Charging, result.Status.State);
        Assert.Equal(11.0, charger.Details["current_a"]);

        var stop = await charger.SetPowerAsync(Core.Units.Power.Zero);
        Assert.True(stop.Succeeded, stop.Reason);
        Assert.Equal(0, (await raw.ReadHoldingRegistersAsync(5014, 1))[0]);
        Assert.Equal(ChargerState.Paused, stop.Status.State);

        Assert.True((await charger.ReleaseAsync()).Succeeded);
        Assert.Equal(0, (await raw.ReadHoldingRegistersAsync(5018, 1))[0]);
        Assert.Equal(16_000, (await raw.ReadHoldingRegistersAsync(5004, 1))[0]);
    }
}
