using System.Diagnostics;

namespace ChargeBridge.Bench;

/// <summary>What the grid-event benchmarks print: the machine line, latency rows in virtual time and a step-time
/// comparison timed with a <see cref="Stopwatch"/>.</summary>
internal static class GridEventReport
{
    public static void Machine(string command)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        Console.WriteLine(FormattableString.Invariant($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (shared with other builds; load average {load}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        Console.WriteLine($"`{command}`");
        Console.WriteLine();
    }

    /// <summary>A row of latencies in seconds: median, 95th percentile, max and how many trials reacted at all.</summary>
    public static void LatencyRow(string name, IReadOnlyList<double?> seconds)
    {
        var reacted = seconds.Where(s => s is not null).Select(s => s!.Value).ToList();
        Console.WriteLine(reacted.Count == 0
            ? $"| {name} | no reaction | — | — | 0 / {seconds.Count} |"
              : FormattableString.Invariant($"| {name} | {Stats.Median(reacted):0.0} s | {Stats.Percentile(reacted, 95):0.0} s | {reacted.Max():0.0} s | {reacted.Count} / {seconds.Count} |"));
    }

    /// <summary>The median over <paramref name="rounds"/> of the mean time of <paramref name="steps"/> calls of each action, in
    /// ns; the rounds alternate between the two so that a shared machine's load weighs on both alike.</summary>
    public static (double Baseline, double Candidate) StepNanoseconds(Action baseline, Action candidate, int steps = 20_000, int rounds = 21)
    {
        for (var i = 0; i < steps; i++) { baseline(); candidate(); }
        var (a, b) = (new List<double>(), new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            a.Add(Mean(baseline, steps));
            b.Add(Mean(candidate, steps));
        }
        return (Stats.Median(a), Stats.Median(b));
    }

    private static double Mean(Action step, int steps)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) step();
        return watch.Elapsed.TotalNanoseconds / steps;
    }

    public static void StepRows(string baselineName, string candidateName, (double Baseline, double Candidate) ns)
    {
        Console.WriteLine("| control step (Stopwatch, median of 21 alternating rounds of 20 000 steps, the clock moving by the pace) | ns per step | ratio |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(FormattableString.Invariant($"| {baselineName} (baseline) | {ns.Baseline:0} | 1.00 |"));
        Console.WriteLine(FormattableString.Invariant($"| {candidateName} | {ns.Candidate:0} | {ns.Candidate / ns.Baseline:0.00} |"));
    }
}
