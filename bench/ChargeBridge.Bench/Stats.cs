namespace ChargeBridge.Bench;

/// <summary>Order statistics of measured samples.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> samples) => Percentile(samples, 50);

    /// <summary>Resident set size in MB of this process, or of process <paramref name="pid"/>, read from /proc (Linux).</summary>
    public static double ResidentMegabytes(int? pid = null)
    {
        foreach (var line in File.ReadLines($"/proc/{(pid is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "self")}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        throw new InvalidOperationException("VmRSS not found in /proc/self/status");
    }
}
