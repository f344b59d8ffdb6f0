using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Modbus;

namespace ChargeBridge.Bench;

/// <summary>Round trip of one read of the Quasar status block (FC 3, 17 registers) over loopback, against our
/// Quasar simulator and against pymodbus's TCP server as the baseline. Options: --requests N (default 5000).</summary>
internal sealed class ModbusRoundTripBenchmark : IBenchmark
{
    public string Name => "modbus-roundtrip";

    public async Task RunAsync(string[] args)
    {
        var requests = (int)ModbusLatencyTable.Option(args, "--requests", 5000);

        await using var sim = await QuasarSimulator.StartAsync();
        var ours = await MeasureAsync(sim.Endpoint.Port, 526, requests);

        using var python = StartPymodbus(out var pyPort);
        List<double> theirs;
        try
        {
            theirs = await MeasureAsync(pyPort, 0, requests);
        }
        finally
        {
            python.Kill(entireProcessTree: true); // disposing a Process object does not end the process
        }

        ModbusLatencyTable.Header("server", "requests");
        ModbusLatencyTable.Row("our Quasar simulator (ModbusTcpServer)", ours);
        ModbusLatencyTable.Row("pymodbus 3 TCP server (baseline)", theirs);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"p50 ratio ours / pymodbus: {Stats.Median(ours) / Stats.Median(theirs):0.00}; p99 ratio: {Stats.Percentile(ours, 99) / Stats.Percentile(theirs, 99):0.00}"));
    }

    private static async Task<List<double>> MeasureAsync(int port, ushort address, int requests)
    {
        await using var client = new ModbusTcpClient("127.0.0.1", port);
        for (var i = 0; i < 200; i++) await client.ReadHoldingRegistersAsync(address, 17); // warm-up
        var samples = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.ReadHoldingRegistersAsync(address, 17);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return samples;
    }

    private static Process StartPymodbus(out int port)
    {
        var script = Path.Combine(ChargeBridge.Tests.RepoPaths.Root, "tests", "ChargeBridge.Modbus.Tests", "peers", "pymodbus_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var line = process.StandardOutput.ReadLine()
                   ?? throw new InvalidOperationException("pymodbus did not start (install python3-pymodbus): " + process.StandardError.ReadToEnd());
        port = int.Parse(line, CultureInfo.InvariantCulture);
        return process;
    }
}
