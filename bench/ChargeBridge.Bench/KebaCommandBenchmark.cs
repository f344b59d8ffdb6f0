using System.Globalization;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Keba;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;

namespace ChargeBridge.Bench;

/// <summary>
/// Time from <c>SetPowerAsync</c> on a KEBA (built through the registry) to the set charging current (5004, FC 06)
/// arriving at the twin, on loopback; and the whole command, which also writes the enable and reads the station back.
/// Baseline in the same run: a bare FC 06 write of 5004 with our Modbus client. Options: --commands N (default 1000).
/// </summary>
internal sealed class KebaCommandBenchmark : IBenchmark
{
    public string Name => "keba-command";

    public async Task RunAsync(string[] args)
    {
        var commands = (int)ModbusLatencyTable.Option(args, "--commands", 1000);
        await using var twin = await KebaSimulator.StartAsync();
        var section = new Dictionary<string, string>
        {
            ["Type"] = "keba", ["Host"] = "127.0.0.1", ["Port"] = twin.Endpoint.Port.ToString(CultureInfo.InvariantCulture), ["MaxCurrentA"] = "32",
        };
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(TimeProvider.System));
        await using var charger = (KebaCharger)(build.Device ?? throw new InvalidOperationException(string.Join("; ", build.Problems)));

        // 6 … 32 A on three phases, a different current each time; every command writes 5004 first, then the enable.
        var (toWrite, roundTrip) = await CommandLatency.MeasureAsync(commands,
            i => charger.SetPowerAsync(Power.FromWatts((6 + i % 27) * 3 * 230)),
            () => twin.WriteCount, twin.WriteTimestamp);
        if (twin.Writes.TakeLast(2 * commands).Where((_, i) => i % 2 == 0).Any(w => w.Address != 5004))
            throw new InvalidOperationException("a command's first write was not the set current");

        await using var bare = new ModbusTcpClient("127.0.0.1", twin.Endpoint.Port, new ModbusClientOptions { UnitId = KebaSimulator.UnitId });
        var baseline = await CommandLatency.MeasureBareAsync(commands, i => bare.WriteSingleRegisterAsync(5004, (ushort)((6 + i % 27) * 1000)));

        CommandLatency.Print("KEBA", "5004 written at the twin", toWrite, roundTrip, "bare Modbus FC 06 write of 5004", baseline);
    }
}
