using System.Diagnostics;
using System.Globalization;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using ChargeBridge.Host.Demo;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Bench;

/// <summary>
/// Memory over time (issue 11). Real time: `chargebridge run` as its own process against the demo setup
/// (<see cref="DemoSetupHost"/>, with the car integration's SoC sensor configured) for --minutes (default 30), with
/// <see cref="SoakChanges"/> applied each minute; each minute the host's VmRSS and its <c>System.Runtime</c> counters
/// (<see cref="RuntimeCounters"/>) are sampled. Virtual time: the demo's <see cref="DemoWorld"/> in this process for
/// --days simulated days (default 7) with the same changes, a full GC and GC.GetTotalMemory(true) each simulated hour.
/// Slopes are least-squares fits after a warm-up (--warm-up minutes, default 5; the first simulated day). Baseline
/// in the same run: the idle host of host-idle-rss (1 entity), 60 s. --minutes 0 or --days 0 skips that part;
/// --drop-every M drops the WebSocket every M minutes instead of 20 (to tell a cost per reconnection from a one-off).
/// </summary>
internal sealed class SoakBenchmark : IBenchmark
{
    /// <summary>Issue 11's targets: no growth after warm-up, and the host below 100 MB resident.</summary>
    private const double SlopeTargetMbPerHour = 0.1;
    private const double RssTargetMb = 100;

    public string Name => "soak";

    public async Task RunAsync(string[] args)
    {
        var minutes = (int)ModbusLatencyTable.Option(args, "--minutes", 30);
        var warmUp = (int)ModbusLatencyTable.Option(args, "--warm-up", 5);
        var days = (int)ModbusLatencyTable.Option(args, "--days", 7);
        var dropEvery = TimeSpan.FromMinutes(ModbusLatencyTable.Option(args, "--drop-every", SoakChanges.DefaultDropInterval.TotalMinutes));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {CpuModel()}; .NET {Environment.Version}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; soak {string.Join(' ', args)}"));
        if (minutes > 0) await RunRealTimeAsync(minutes, warmUp, dropEvery);
        if (days > 0) await RunVirtualAsync(days, dropEvery);
    }

    private static async Task RunRealTimeAsync(int minutes, int warmUp, TimeSpan dropEvery)
    {
        var idle = await HostIdleMemoryBenchmark.MeasureAsync(1, TimeSpan.FromSeconds(60));
        await using var setup = await DemoSetupHost.StartAsync(SoakChanges.SocSensor);
        var changes = new SoakChanges(setup.Scenario, setup.Fake, setup.Charger, dropEvery);
        var pid = setup.Process.Id;
        var samples = new List<(int Minute, double Rss, RssParts Parts, RuntimeCounters Runtime)>();
        var clock = Stopwatch.StartNew();
        for (var minute = 0; ; minute++)
        {
            if (TimeSpan.FromMinutes(minute) - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
            if (setup.Process.HasExited) throw new InvalidOperationException($"the host exited with {setup.Process.ExitCode} at minute {minute}");
            // RSS first: the counters' EventPipe session briefly adds its buffers to the host.
            var rss = Stats.ResidentMegabytes(pid);
            var parts = RssParts.Of(pid);
            samples.Add((minute, rss, parts, await RuntimeCounters.ReadAsync(pid, TimeSpan.FromSeconds(20))));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"minute {minute}: RSS {rss:0.0} MB, GC heap {samples[^1].Runtime.GcHeapMb:0.0} MB"));
            if (minute == minutes) break;
            changes.Apply(minute, TimeProvider.System.GetUtcNow());
            if (changes.DropDue(minute)) changes.Drop();
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Real time, {minutes} min: {changes.PriceUpdates} price lists, {changes.CalendarEdits} calendar edits, {changes.ModeChanges} mode changes, {changes.Drops} WebSocket drops; SoC {setup.Charger.Snapshot().SocPct:0.0} % at the end"));
        Console.WriteLine();
        Console.WriteLine("| minute | RSS (MB) | anonymous | files | shared memory (JIT code, W^X) | threads | GC heap (MB) | after last GC (MB) | GC committed (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (minute, rss, parts, runtime) in samples)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {minute} | {rss:0.0} | {parts.AnonMb:0.0} | {parts.FileMb:0.0} | {parts.ShmemMb:0.0} | {parts.Threads} | {runtime.GcHeapMb:0.0} | {runtime.AfterLastGcMb:0.00} | {runtime.CommittedMb:0.0} |"));
        // A short trial run keeps at least two samples to fit.
        warmUp = Math.Min(warmUp, minutes - 1);
        var settled = samples.Where(s => s.Minute >= warmUp).ToList();
        var hours = settled.Select(s => s.Minute / 60.0).ToList();
        var maxRss = samples.Max(s => s.Rss);
        Console.WriteLine();
        Console.WriteLine($"Least-squares slope after {warmUp} min of warm-up ({settled.Count} samples):");
        Console.WriteLine();
        Console.WriteLine("| series | first (MB) | last (MB) | slope (MB/h) | verdict (< 0.1 MB/h) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        SlopeRow("RSS", hours, settled.Select(s => s.Rss).ToList(), 1);
        SlopeRow("GC heap (gc-heap-size, with garbage)", hours, settled.Select(s => s.Runtime.GcHeapMb).ToList(), 1);
        SlopeRow("after last GC (gen 0-2, LOH, POH)", hours, settled.Select(s => s.Runtime.AfterLastGcMb).ToList(), 1);
        SlopeRow("GC committed", hours, settled.Select(s => s.Runtime.CommittedMb).ToList(), 1);
        SlopeRow("RSS: anonymous", hours, settled.Select(s => s.Parts.AnonMb).ToList(), 1);
        SlopeRow("RSS: files", hours, settled.Select(s => s.Parts.FileMb).ToList(), 1);
        SlopeRow("RSS: shared memory", hours, settled.Select(s => s.Parts.ShmemMb).ToList(), 1);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"max RSS {maxRss:0.0} MB (target < {RssTargetMb} MB): {Verdict(maxRss < RssTargetMb)}; baseline idle host (1 entity, 60 s, same run): {idle:0.0} MB, ratio max / idle {maxRss / idle:0.00}"));
    }

    private static async Task RunVirtualAsync(int days, TimeSpan dropEvery)
    {
        var scenario = new DemoScenario();
        var baseline = GC.GetTotalMemory(true) / 1024.0 / 1024;
        await using var world = await DemoWorld.StartAsync(scenario.Start, scenario.Car, fake => DemoDay.SetUp(fake, scenario), LogLevel.Error,
            CancellationToken.None, new Dictionary<string, string?> { ["ChargeBridge.Apps.V2G.V2GConfig:SocEntity"] = SoakChanges.SocSensor });
        var client = world.Host.Services.GetRequiredService<HomeAssistantClient>();
        await world.StepAsync(TimeSpan.Zero, CancellationToken.None);
        world.Charger.PlugIn();
        var changes = new SoakChanges(scenario, world.Fake, world.Charger, dropEvery);
        var samples = new List<(double Hour, double HeapMb, double RssMb, int FakeCalls)>();
        var wall = Stopwatch.StartNew();
        var recordedCalls = 0;
        for (var minute = 0; ; minute++)
        {
            if (minute % 60 == 0)
            {
                // The fake records every call it gets; counted and forgotten, so the heap is the host's and the simulator's.
                recordedCalls += world.Fake.ServiceCalls.Count;
                world.Fake.ClearRecordings();
                samples.Add((minute / 60.0, GC.GetTotalMemory(true) / 1024.0 / 1024, Stats.ResidentMegabytes(), recordedCalls));
                if (minute % (24 * 60) == 0) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"day {minute / 1440}: heap {samples[^1].HeapMb:0.00} MB"));
            }
            if (minute == days * 24 * 60) break;
            changes.Apply(minute, world.Clock.GetUtcNow());
            if (changes.DropDue(minute))
            {
                // The HA client reconnects in real time; the week goes on once it has, as after a short Wi-Fi drop.
                var reconnected = client.Connected.SkipWhile(c => c).Where(c => c).FirstAsync().ToTask();
                changes.Drop();
                await reconnected.WaitAsync(TimeSpan.FromSeconds(60));
                // A step that a change started before the drop may wait for HA's answer until the client is back.
                for (var waited = Stopwatch.StartNew(); world.Controller.Busy; await Task.Delay(50))
                    if (waited.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the V2G step after the WebSocket drop did not end");
            }
            try
            {
                await world.StepAsync(DemoDay.Tick, CancellationToken.None);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"simulated minute {minute}: {e.Message}; V2G busy {world.Controller.Busy}; due on the clock: {string.Join(", ", world.Clock.PendingDue.Select(d => d.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))}"), e);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Virtual time, {days} simulated days in {wall.Elapsed.TotalSeconds:0} s wall: {world.Controller.CompletedSteps} V2G steps, {changes.PriceUpdates} price lists, {changes.CalendarEdits} calendar edits, {changes.ModeChanges} mode changes, {changes.Drops} WebSocket drops"));
        Console.WriteLine();
        Console.WriteLine("| simulated day | managed heap after full GC (MB) | process RSS (MB) | service calls the fake received (its record cleared hourly) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var sample in samples.Where(s => s.Hour % 24 == 0))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sample.Hour / 24:0} | {sample.HeapMb:0.00} | {sample.RssMb:0.0} | {sample.FakeCalls} |"));
        // The first simulated day is the warm-up; a one-day run keeps its last two samples to fit.
        var warmUpHours = Math.Min(24, days * 24 - 1);
        var settled = samples.Where(s => s.Hour >= warmUpHours).ToList();
        var simulatedDays = settled.Select(s => s.Hour / 24).ToList();
        Console.WriteLine();
        Console.WriteLine($"Least-squares slope per simulated day after {warmUpHours} simulated hours ({settled.Count} hourly samples); baseline: this process's heap before the world started, {baseline.ToString("0.00", CultureInfo.InvariantCulture)} MB:");
        Console.WriteLine();
        Console.WriteLine("| series | first (MB) | last (MB) | slope (MB/simulated day) | verdict (< 2.4 MB/day, i.e. 0.1 MB/h) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        SlopeRow("managed heap after full GC (host, fake without its record, simulator)", simulatedDays, settled.Select(s => s.HeapMb).ToList(), 24);
        SlopeRow("process RSS", simulatedDays, settled.Select(s => s.RssMb).ToList(), 24);
    }

    /// <param name="perUnit">Hours per x unit: the target is per hour.</param>
    private static void SlopeRow(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, double perUnit)
    {
        var slope = Stats.Slope(x, y);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {y[0]:0.00} | {y[^1]:0.00} | {slope:0.000} | {Verdict(slope < SlopeTargetMbPerHour * perUnit)} |"));
    }

    /// <summary>What the resident set is made of (/proc status, MB): anonymous memory (GC heap, native heaps, stacks),
    /// mapped files (assemblies, the runtime) and shared memory, which holds the JIT's code twice mapped under W^X.</summary>
    private sealed record RssParts(double AnonMb, double FileMb, double ShmemMb, int Threads)
    {
        public static RssParts Of(int pid) => new(Stats.ProcStatus("RssAnon", pid) / 1024, Stats.ProcStatus("RssFile", pid) / 1024,
            Stats.ProcStatus("RssShmem", pid) / 1024, (int)Stats.ProcStatus("Threads", pid));
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string CpuModel() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
        ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}
