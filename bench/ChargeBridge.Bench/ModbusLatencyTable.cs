using System.Globalization;

namespace ChargeBridge.Bench;

/// <summary>The latency table and option parsing shared by the Modbus and Quasar benchmarks.</summary>
internal static class ModbusLatencyTable
{
    public static void Header(string first, string count)
    {
        Console.WriteLine($"| {first} | {count} | p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---|---|---|---|");
    }

    public static void Row(string name, IReadOnlyList<double> s) => Console.WriteLine(FormattableString.Invariant(
        $"| {name} | {s.Count} | {Stats.Median(s):0.000} | {Stats.Percentile(s, 99):0.000} | {s.Max():0.000} |"));

    /// <summary>The value after <paramref name="option"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static double Option(string[] args, string option, double fallback)
    {
        var at = Array.IndexOf(args, option);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
