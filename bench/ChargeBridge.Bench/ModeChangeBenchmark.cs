using System.Diagnostics;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.Host.Demo;
using ChargeBridge.Modbus;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Bench;

/// <summary>
/// A mode change in Home Assistant to the Modbus write on the charger: the demo's setup (HA fake, V2G app in the host,
/// Quasar simulator on loopback) with the car plugged in and planned for; then the charge-mode select is set in the
/// fake, alternating "Max boost now" and "Pause", and the time is taken until the simulator has received the new
/// power set point (register 260). Virtual time stands still meanwhile, so only the mode change starts work.
/// Baseline in the same run: a bare FC 6 write of register 260 with the Modbus client. Options: --changes N (default 400).
/// </summary>
internal sealed class ModeChangeBenchmark : IBenchmark
{
    public string Name => "mode-change";

    public async Task RunAsync(string[] args)
    {
        var changes = (int)ModbusLatencyTable.Option(args, "--changes", 400);
        var scenario = new DemoScenario();
        await using var world = await DemoWorld.StartAsync(scenario.Start, scenario.Car, fake => DemoDay.SetUp(fake, scenario), LogLevel.Error,
            CancellationToken.None);
        await world.StepAsync(TimeSpan.Zero, CancellationToken.None);
        world.Charger.PlugIn();
        for (var i = 0; i < 5; i++) await world.StepAsync(DemoDay.Tick, CancellationToken.None);
        if (world.Controller.Schedule is null) throw new InvalidOperationException("the V2G app has no schedule to start from");

        var modes = new[] { ChargeMode.MaxBoostNow, ChargeMode.Pause };
        var samples = new List<double>(changes);
        const int warmUp = 20;
        for (var i = 0; i < changes + warmUp; i++)
        {
            var writes = world.Charger.PowerSetPointWrites.Count;
            var start = Stopwatch.GetTimestamp();
            world.Fake.SetState(V2GEntities.ChargeMode.EntityId, V2GEntities.ModeNames[modes[i % 2]]);
            while (world.Charger.PowerSetPointWrites.Count == writes)
            {
                if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromSeconds(10))
                    throw new InvalidOperationException($"no set point written after the change to {modes[i % 2]}");
                await Task.Yield();
            }
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= warmUp) samples.Add(elapsed);
            await world.SettledAsync(() => true, "the V2G step after the mode change", CancellationToken.None);
        }

        await using var bare = new ModbusTcpClient("127.0.0.1", world.Charger.Endpoint.Port);
        var baseline = new List<double>(changes);
        for (var i = 0; i < changes + warmUp; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await bare.WriteSingleRegisterAsync(260, (ushort)(i % 2 == 0 ? 7400 : 0));
            if (i >= warmUp) baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        ModbusLatencyTable.Header("path", "changes");
        ModbusLatencyTable.Row("input_select set in HA → V2G step → register 260 written on the simulator", samples);
        ModbusLatencyTable.Row("bare Modbus FC 6 write of register 260 (baseline)", baseline);
        Console.WriteLine();
        var p99 = Stats.Percentile(samples, 99);
        Console.WriteLine(FormattableString.Invariant(
            $"p99 {p99:0.000} ms (target < 100 ms): {(p99 < 100 ? "met" : "NOT met")}; p50 ratio mode change / bare write: {Stats.Median(samples) / Stats.Median(baseline):0.0}"));
    }
}
