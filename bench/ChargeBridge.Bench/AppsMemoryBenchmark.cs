using System.Diagnostics;
using System.Globalization;

namespace ChargeBridge.Bench;

/// <summary>
/// Resident memory of the host with every app running against the demo setup: `chargebridge run` connected to an HA
/// fake holding the demo's prices, calendar trip and grid power, with the V2G app driving a Quasar simulator on
/// loopback (car plugged in), in real time; the fake and the simulator live in this process, not the host's. Sampled
/// every 100 ms for the given seconds once the V2G app has published its sensors. Baseline in the same run: the
/// host-idle-rss figure (`chargebridge run` against a fake with one entity, the V2G app without a charger address)
/// re-measured for as long. Also shown: the `chargebridge demo` process, which holds the fake and the simulator too.
/// Options: seconds (default 60).
/// </summary>
internal sealed class AppsMemoryBenchmark : IBenchmark
{
    public string Name => "apps-rss";

    public async Task RunAsync(string[] args)
    {
        var seconds = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60);
        var apps = await MeasureAppsAsync(seconds);
        var idle = await HostIdleMemoryBenchmark.MeasureAsync(1, seconds);
        var demo = await MeasureDemoAsync();

        Console.WriteLine("| process | samples | median RSS (MB) | max RSS (MB) |");
        Console.WriteLine("|---|---|---|---|");
        Row("`chargebridge run`, power_mirror and v2g running against the demo setup", apps);
        Row("`chargebridge run`, idle against a fake with 1 entity (host-idle-rss, baseline)", [idle]);
        Row("`chargebridge demo` (also holds the HA fake, the simulator and the recording)", demo);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host with all apps: max {apps.Max():0.0} MB (target < 100 MB): {(apps.Max() < 100 ? "met" : "NOT met")}; ratio max / idle host: {apps.Max() / idle:0.00}"));
    }

    internal static void Row(string name, IReadOnlyList<double> samples) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {samples.Count} | {Stats.Median(samples):0.0} | {samples.Max():0.0} |"));

    /// <summary>The host's RSS every 100 ms for <paramref name="duration"/> against the demo setup (as a site: see
    /// <see cref="DemoSetupHost.StartAsync"/>).</summary>
    internal static async Task<IReadOnlyList<double>> MeasureAppsAsync(TimeSpan duration, bool site = false)
    {
        await using var setup = await DemoSetupHost.StartAsync(site: site);
        var samples = new List<double>();
        for (var sampling = Stopwatch.StartNew(); sampling.Elapsed < duration; await Task.Delay(100))
            samples.Add(Stats.ResidentMegabytes(setup.Process.Id));
        return samples;
    }

    private static async Task<IReadOnlyList<double>> MeasureDemoAsync()
    {
        var report = Path.Combine(Path.GetTempPath(), $"chargebridge-demo-{Guid.NewGuid():N}.html");
        using var demo = HostProcess.Start(["demo", "--report", report]);
        var samples = new List<double>();
        while (!demo.HasExited)
        {
            try
            {
                samples.Add(Stats.ResidentMegabytes(demo.Id));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                break; // exited between the check and the read (an exiting process has no VmRSS line)
            }
            await Task.Delay(50);
        }
        await demo.WaitForExitAsync();
        File.Delete(report);
        if (demo.ExitCode != 0) throw new InvalidOperationException($"the demo failed with exit code {demo.ExitCode}");
        return samples;
    }
}
