using System.Globalization;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Alfen;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;

namespace ChargeBridge.Bench;

/// <summary>
/// Time from <c>SetPowerAsync</c> on an Alfen (built through the registry) to the socket's max current (1210–1211,
/// float32, FC 16) arriving at the twin, on loopback; and the whole command with its read-back. Baseline in the same
/// run: a bare FC 16 write of 1210 with our Modbus client. Options: --commands N (default 1000).
/// </summary>
internal sealed class AlfenCommandBenchmark : IBenchmark
{
    public string Name => "alfen-command";

    public async Task RunAsync(string[] args)
    {
        var commands = (int)ModbusLatencyTable.Option(args, "--commands", 1000);
        await using var twin = await AlfenSimulator.StartAsync();
        var section = new Dictionary<string, string>
        {
            ["Type"] = "alfen", ["Host"] = "127.0.0.1", ["Port"] = twin.Endpoint.Port.ToString(CultureInfo.InvariantCulture), ["MaxCurrentA"] = "32",
        };
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(TimeProvider.System));
        await using var charger = (AlfenCharger)(build.Device ?? throw new InvalidOperationException(string.Join("; ", build.Problems)));

        var (toWrite, roundTrip) = await CommandLatency.MeasureAsync(commands,
            i => charger.SetPowerAsync(Power.FromWatts((6 + i % 27) * 3 * 230)),
            () => twin.WriteCount, twin.WriteTimestamp);

        await using var bare = new ModbusTcpClient("127.0.0.1", twin.Endpoint.Port, new ModbusClientOptions { UnitId = AlfenSimulator.SocketUnit });
        var baseline = await CommandLatency.MeasureBareAsync(commands, i => bare.WriteMultipleRegistersAsync(1210, RegisterWords.FromFloat32(6 + i % 27)));

        CommandLatency.Print("Alfen", "1210 written at the twin", toWrite, roundTrip, "bare Modbus FC 16 write of 1210", baseline);
    }
}
