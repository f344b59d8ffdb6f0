using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Alfen;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Alfen;

/// <summary>The <c>alfen</c> charger against an Alfen socket map served by pymodbus (Debian python3-pymodbus), encoded
/// by a script of its own: the status is read from it, and the set points written land in its registers.</summary>
public sealed class AlfenPymodbusPeerTests
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "ChargeBridge.Devices.Tests", "Alfen", "peers", "alfen_server.py");

    private static async Task<(PeerProcess Peer, int Port)> StartPeerAsync(object socket)
    {
        var (peer, port) = await PeerProcess.StartAsync("/usr/bin/python3", "Debian package python3-pymodbus", Script, JsonSerializer.Serialize(socket));
        return (peer, int.Parse(port, CultureInfo.InvariantCulture));
    }

    private static AlfenCharger Build(int port, params (string Key, string Value)[] keys)
    {
        var section = new Dictionary<string, string> { ["Type"] = "alfen", ["Host"] = "127.0.0.1", ["Port"] = port.ToString(CultureInfo.InvariantCulture) };
        foreach (var (key, value) in keys) section[key] = value;
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(TimeProvider.System));
        Assert.Empty(build.Problems);
        return Assert.IsType<AlfenCharger>(build.Device);
    }

    [Fact]
    public async Task A_charging_socket_served_by_pymodbus_reads_with_every_value()
    {
        var (peer, port) = await StartPeerAsync(new
        {
            state = "C2", voltages = new[] { 231.5, 229.0, 230.25 }, currents = new[] { 15.9, 16.0, 15.95 }, power_w = 11_012.5,
            energy_wh = 2_345_678.0, applied_a = 16.0, safe_a = 8.0, phases = 3,
        });
        using var _ = peer;
        await using var charger = Build(port);
        var status = await charger.RefreshAsync();

        Assert.True(status.Reachable, status.FaultReason);
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.Equal("mode 3 state C2", status.DeviceStateText);
        Assert.Equal(11_012.5, status.ActualPower.Watts, 6);
        Assert.Equal("232/229/230", charger.Details["voltages_v"]);
        Assert.Equal(2_345.678, (double)charger.Details["energy_kwh"]!, 6);
        Assert.Equal(16.0, charger.Details["current_a"]);
        Assert.Equal(8.0, charger.Details["safe_current_a"]);
    }

    [Fact]
    public async Task The_set_points_written_land_in_the_pymodbus_registers_and_read_back_through_its_echo()
    {
        var (peer, port) = await StartPeerAsync(new { state = "B2", phases = 3 });
        using var _ = peer;
        await using var charger = Build(port, ("PhaseSwitching", "true"));
        await using var raw = new ModbusTcpClient("127.0.0.1", port, new ModbusClientOptions { UnitId = 1 });

        var result = await charger.SetCurrentAsync(11);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(11f, RegisterWords.Float32(await raw.ReadHoldingRegistersAsync(1210, 2)));
        Assert.Equal(11.0, charger.Details["current_a"]);
        Assert.Equal(60u, charger.Details["valid_s"]);
        Assert.Equal(true, charger.Details["set_point_used"]);

        Assert.True((await charger.SwitchPhasesAsync(1)).Succeeded);
        Assert.Equal(1, (await raw.ReadHoldingRegistersAsync(1215, 1))[0]);
        Assert.Equal(1, charger.Capabilities.Phases);

        Assert.True((await charger.SetPowerAsync(Core.Units.Power.Zero)).Succeeded);
        Assert.Equal(0f, RegisterWords.Float32(await raw.ReadHoldingRegistersAsync(1210, 2)));
    }
}
