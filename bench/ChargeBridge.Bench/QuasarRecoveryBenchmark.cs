using System.Globalization;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Tests;

namespace ChargeBridge.Bench;

/// <summary>
/// From the Quasar's Modbus module hanging to a working charger again, in virtual time: the driver (polling the
/// simulator with a car connected) restarting it through the fake Wallbox cloud, whose restart action restarts the
/// simulator with a minute of error states after it (the real charger reports errors for up to 5 minutes). The hang
/// starts at a different point between two polls in each run. Baseline in the same run: the same hang without a
/// Wallbox account, where only a person power-cycling the charger helps. Options: runs (default 10).
/// </summary>
internal sealed class QuasarRecoveryBenchmark : IBenchmark
{
    public string Name => "quasar-recovery";

    private const string Email = "owner@example.org";
    private const string Password = "bench-password";
    private static readonly TimeSpan ErrorsAfterRestart = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan BaselineLimit = TimeSpan.FromHours(24);

    public async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var ours = new List<double>();
        for (var run = 0; run < runs; run++) ours.Add((await RecoverAsync(withCloud: true, TimeSpan.FromSeconds(run % 5))).TotalSeconds);
        var baseline = await RecoverAsync(withCloud: false, TimeSpan.Zero);

        Console.WriteLine($"{runs} hangs, car connected, 5 s polls, 3 s request timeout; the simulator reports errors for {ErrorsAfterRestart.TotalMinutes:0} min after a restart");
        Console.WriteLine();
        Console.WriteLine("| case | median s (virtual) | max s (virtual) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ours: restarted through the Wallbox cloud | {Stats.Median(ours):0} | {ours.Max():0} |"));
        Console.WriteLine(baseline >= BaselineLimit
            ? $"| baseline: no Wallbox account (waits for a person) | not working after {BaselineLimit.TotalHours:0} h | — |"
            : string.Create(CultureInfo.InvariantCulture, $"| baseline: no Wallbox account | {baseline.TotalSeconds:0} | — |"));
    }

    /// <summary>Virtual time from the hang to a reachable, unfaulted charger (or the baseline's limit).</summary>
    private static async Task<TimeSpan> RecoverAsync(bool withCloud, TimeSpan hangAfter)
    {
        await using var cloud = await WallboxCloudFake.StartAsync(Email, Password, "123456");
        using var http = new HttpClient { BaseAddress = cloud.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await using var h = await DriverHarness.StartAsync(sim: o => o with { CarConnected = true },
            driver: o => o with { AcquireSocOnPlugIn = false, Cloud = withCloud ? new WallboxCloud(http, Email, Password) : null });
        cloud.ActionTaken += action => { if (action == WallboxCloud.Restart) h.Sim.Restart(ErrorsAfterRestart); };
        await h.StartPollingAsync();
        await h.RunForAsync(TimeSpan.FromSeconds(10) + hangAfter);
        h.Sim.InjectFault(QuasarFault.Hang);
        var hungAt = h.Now;
        await h.RunUntilAsync(() => h.Driver.Status.IsFaulted, TimeSpan.FromMinutes(1));
        var limit = withCloud ? TimeSpan.FromMinutes(30) : BaselineLimit;
        await h.RunUntilAsync(() => h.Driver.Status is { Reachable: true, IsFaulted: false }, limit);
        return h.Driver.Status is { Reachable: true, IsFaulted: false } ? h.Now - hungAt : limit;
    }
}
