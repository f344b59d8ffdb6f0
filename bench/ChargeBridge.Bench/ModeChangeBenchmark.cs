using System.Diagnostics;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.Host.Demo;
using ChargeBridge.HassModel.Fake;
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
    private const int WarmUp = 20;

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

        var samples = await MeasureAsync(world, changes, hangCalendar: false);
        // HA leaves every calendar read unanswered from now on; toggling the calendar's state before each change asks
        // for a new read, so one hangs (until the client's command timeout) through the measurement.
        world.Fake.InjectFault("calendar.get_events", FakeFault.NoAnswer);
        var hanging = await MeasureAsync(world, changes, hangCalendar: true);

        await using var bare = new ModbusTcpClient("127.0.0.1", world.Charger.Endpoint.Port);
        var baseline = new List<double>(changes);
        for (var i = 0; i < changes + WarmUp; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await bare.WriteSingleRegisterAsync(260, (ushort)(i % 2 == 0 ? 7400 : 0));
            if (i >= WarmUp) baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        ModbusLatencyTable.Header("path", "changes");
        ModbusLatencyTable.Row("input_select set in HA → V2G step → register 260 written on the simulator", samples);
        ModbusLatencyTable.Row("the same while a calendar.get_events call goes unanswered", hanging);
        ModbusLatencyTable.Row("bare Modbus FC 6 write of register 260 (baseline)", baseline);
        Console.WriteLine();
        var p99 = Stats.Percentile(samples, 99);
        var p99Hanging = Stats.Percentile(hanging, 99);
        Console.WriteLine(FormattableString.Invariant(
            $"p99 {p99:0.000} ms, with a calendar read hanging {p99Hanging:0.000} ms (target < 100 ms): {(Math.Max(p99, p99Hanging) < 100 ? "met" : "NOT met")}; p50 ratio mode change / bare write: {Stats.Median(samples) / Stats.Median(baseline):0.0}, hanging / not hanging: {Stats.Median(hanging) / Stats.Median(samples):0.00}"));
    }

    /// <summary>Alternates "Max boost now" and "Pause"; with <paramref name="hangCalendar"/>, only changes made while a
    /// calendar read was outstanding count.</summary>
    private static async Task<List<double>> MeasureAsync(DemoWorld world, int changes, bool hangCalendar)
    {
        var modes = new[] { ChargeMode.MaxBoostNow, ChargeMode.Pause };
        var samples = new List<double>(changes);
        for (var i = 0; samples.Count < changes; i++)
        {
            var controller = world.Controller;
            if (hangCalendar)
            {
                world.Fake.SetState(DemoScenario.Calendar, i % 2 == 0 ? "on" : "off");
                await Until(() => controller.CalendarReading, "a calendar read HA leaves unanswered");
            }
            var writes = world.Charger.PowerSetPointWrites.Count;
            var steps = controller.CompletedSteps;
            var start = Stopwatch.GetTimestamp();
            world.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, V2GEntities.ModeNames[modes[i % 2]]);
            await Until(() => world.Charger.PowerSetPointWrites.Count > writes, $"the set point after the change to {modes[i % 2]}");
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= WarmUp && (!hangCalendar || controller.CalendarReading)) samples.Add(elapsed);
            await Until(() => controller.CompletedSteps > steps && !controller.Stepping, "the V2G step after the mode change");
        }
        return samples;
    }

    /// <summary>Spins until <paramref name="condition"/> holds (a yield between looks: latency, not CPU, is measured).</summary>
    internal static async Task Until(Func<bool> condition, string what)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromSeconds(10)) throw new InvalidOperationException("gave up waiting for " + what);
            await Task.Yield();
        }
    }
}
