using System.Diagnostics;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Bench;

/// <summary>CPU time and resident memory of a Quasar driver polling one charging car in real time, with the
/// simulator in the same process (its share is included). Baseline: the same process idle for the same time before
/// the driver starts. Options: --minutes M (default 10).</summary>
internal sealed class QuasarPollingBenchmark : IBenchmark
{
    public string Name => "quasar-polling";

    public async Task RunAsync(string[] args)
    {
        var minutes = ModbusLatencyTable.Option(args, "--minutes", 10);
        var duration = TimeSpan.FromMinutes(minutes);
        await using var sim = await QuasarSimulator.StartAsync();

        var idle = await MeasureAsync(duration, () => Task.CompletedTask);
        QuasarDriver? driver = null;
        var polling = await MeasureAsync(duration, async () =>
        {
            driver = new QuasarDriver(new QuasarDriverOptions { Host = "127.0.0.1", Port = sim.Endpoint.Port, AcquireSocOnPlugIn = false });
            driver.Start();
            await driver.SetPowerAsync(Power.FromWatts(3000));
        });
        var requests = sim.Requests;
        var state = driver!.Status;
        await driver.DisposeAsync();

        Console.WriteLine("| phase | wall time (min) | CPU time (s) | CPU share of one core | RSS at end (MB) | Modbus requests |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Print("idle process with simulator (baseline)", duration, idle, 0);
        Print("driver polling one charging car", duration, polling, requests);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"extra CPU for polling: {(polling.Cpu - idle.Cpu).TotalMilliseconds:0} ms over {minutes:0.#} min; final state {state.State}, {state.ActualPower}"));
    }

    private static async Task<(TimeSpan Cpu, double Rss)> MeasureAsync(TimeSpan duration, Func<Task> start)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        await start();
        await Task.Delay(duration);
        process.Refresh();
        return (process.TotalProcessorTime - before, Stats.ResidentMegabytes());
    }

    private static void Print(string phase, TimeSpan duration, (TimeSpan Cpu, double Rss) m, int requests) =>
        Console.WriteLine(FormattableString.Invariant(
            $"| {phase} | {duration.TotalMinutes:0.#} | {m.Cpu.TotalSeconds:0.000} | {m.Cpu / duration * 100:0.000} % | {m.Rss:0.0} | {requests} |"));
}
