using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.NrgKick;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Bench;

/// <summary>
/// Time from <c>SetPowerAsync</c> on an NRGKICK (built through the registry) to its settings PUT arriving at the twin,
/// on loopback. The command itself then waits its settle time and reads back (retry-and-verify), on a virtual clock
/// moved on after each write, so only the path to the device is timed. Baseline in the same run: the driver's own API
/// client writing the same settings once. Options: commands (default 300).
/// </summary>
internal sealed class NrgKickCommandBenchmark : IBenchmark
{
    public string Name => "nrgkick-command";

    public async Task RunAsync(string[] args)
    {
        var commands = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        const string password = "bench-kick";
        var clock = new VirtualClock();
        await using var twin = await NrgKickTwin.StartAsync(new NrgKickTwinOptions { Password = password, Clock = clock });
        var section = new Dictionary<string, string>
        {
            ["Type"] = "nrgkick", ["Host"] = "127.0.0.1", ["Port"] = twin.Port.ToString(CultureInfo.InvariantCulture), ["Password"] = password,
        };
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(clock));
        await using var charger = (NrgKickCharger)(build.Device ?? throw new InvalidOperationException(string.Join("; ", build.Problems)));

        var samples = new List<double>(commands);
        for (var i = 0; i < commands + 20; i++)
        {
            var amperes = 6 + i % 10; // a different current each time, so every command writes
            var writes = twin.Writes;
            var start = Stopwatch.GetTimestamp();
            var command = charger.SetPowerAsync(Power.FromWatts(amperes * 230 * 3));
            while (twin.Writes == writes) await Task.Yield();
            if (i >= 20) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            while (!command.IsCompleted)
            {
                if (clock.NextDue is { } due) clock.AdvanceTo(due);
                await Task.Delay(1);
            }
            var result = await command;
            if (!result.Succeeded) throw new InvalidOperationException(result.Reason);
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{twin.Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var api = new NrgKickApi(new NrgKickOptions { Host = "127.0.0.1", Port = twin.Port, Password = password }, http);
        var baseline = new List<double>(commands);
        for (var i = 0; i < commands + 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await api.WriteAsync(true, 6 + i % 10, CancellationToken.None);
            if (i >= 20) baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        Console.WriteLine($"{commands} commands after 20 warm-up ones, twin on loopback");
        Console.WriteLine();
        Console.WriteLine("| path | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(Row("SetPowerAsync → settings PUT at the twin", samples));
        Console.WriteLine(Row("the driver's API client writing the settings once (baseline)", baseline));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p50 ratio command / bare write: {Stats.Median(samples) / Stats.Median(baseline):0.00}"));
    }

    private static string Row(string name, List<double> times) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Stats.Median(times):0.000} | {Stats.Percentile(times, 99):0.000} | {times.Max():0.000} |");
}
