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

    /// <summary>The least-squares slope of <paramref name="y"/> over <paramref name="x"/>.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2) throw new ArgumentException("a slope needs two or more (x, y) pairs");
        var (meanX, meanY) = (x.Average(), y.Average());
        var covariance = x.Zip(y, (a, b) => (a - meanX) * (b - meanY)).Sum();
        var variance = x.Sum(a => (a - meanX) * (a - meanX));
        return covariance / variance;
    }

    /// <summary>Resident set size in MB of this process, or of process <paramref name="pid"/>, read from /proc (Linux).</summary>
    public static double ResidentMegabytes(int? pid = null) => ProcStatus("VmRSS", pid) / 1024;

    /// <summary>A number from /proc/&lt;pid&gt;/status (Linux): sizes in kB (VmRSS, RssAnon, RssFile, RssShmem), Threads as a count.</summary>
    public static double ProcStatus(string field, int? pid = null)
    {
        foreach (var line in File.ReadLines($"/proc/{(pid is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "self")}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"{field} not found in /proc/{pid}/status");
    }
}
