using System.Diagnostics;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Units;
using ChargeBridge.Modbus;

namespace ChargeBridge.Bench;

/// <summary>Time from <c>SetPowerAsync</c> on the Quasar driver (polling in the background) to the charger's
/// acknowledgement of the written power set point register, on loopback against the simulator. The simulator writes
/// the register before it sends the acknowledgement, so this bounds "command to register written" from above.
/// Baseline: a bare FC 6 write of the same register with the Modbus client. Options: --commands N (default 2000).</summary>
internal sealed class QuasarSetPointBenchmark : IBenchmark
{
    public string Name => "quasar-setpoint";

    public async Task RunAsync(string[] args)
    {
        var commands = (int)ModbusLatencyTable.Option(args, "--commands", 2000);
        await using var sim = await QuasarSimulator.StartAsync();
        await using var driver = new QuasarDriver(new QuasarDriverOptions { Host = "127.0.0.1", Port = sim.Endpoint.Port, AcquireSocOnPlugIn = false });
        driver.Start();
        await driver.SetPowerAsync(Power.FromWatts(2000)); // takes control and starts once

        var samples = new List<double>(commands);
        for (var i = 0; i < commands + 100; i++)
        {
            var watts = 2000 + (i % 2 == 0 ? 100 : 0) + i % 7; // differs from the last value, so every command writes
            var start = Stopwatch.GetTimestamp();
            var result = await driver.SetPowerAsync(Power.FromWatts(watts));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!result.Succeeded) throw new InvalidOperationException(result.Reason);
            if (sim.Snapshot().PowerSetPointW != watts) throw new InvalidOperationException("the register does not hold the set point");
            if (i >= 100) samples.Add(elapsed); // the first 100 warm up
        }

        await using var bare = new ModbusTcpClient("127.0.0.1", sim.Endpoint.Port);
        var baseline = new List<double>(commands);
        for (var i = 0; i < commands + 100; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await bare.WriteSingleRegisterAsync(260, (ushort)(2000 + i % 100));
            if (i >= 100) baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        ModbusLatencyTable.Header("path", "commands");
        ModbusLatencyTable.Row("driver SetPowerAsync → register 260 written and acknowledged", samples);
        ModbusLatencyTable.Row("bare Modbus FC 6 write of register 260 (baseline)", baseline);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"p99 {Stats.Percentile(samples, 99):0.000} ms (target < 20 ms): {(Stats.Percentile(samples, 99) < 20 ? "met" : "NOT met")}; p50 ratio driver / bare write: {Stats.Median(samples) / Stats.Median(baseline):0.00}"));
    }
}
