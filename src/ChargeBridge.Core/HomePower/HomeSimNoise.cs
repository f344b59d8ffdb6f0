namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Second-scale variation laid over a resampled trace, so a controller sees a meter that moves like a real one
/// (kettles, compressors, passing clouds) rather than a smooth ramp. Each series is multiplied by 1 + amplitude · n(t),
/// where n is Gaussian, unit variance, first-order correlated with <see cref="CorrelationTime"/> (AR(1)); factors stop
/// at 0 so power stays ≥ 0. The same seed gives the same noise: System.Random's seeded sequence is fixed across .NET
/// versions for compatibility. <see cref="HomeSimTrace.Resample"/> rescales afterwards, so noise never changes energy.
/// </summary>
/// <param name="Seed">Seeds both series (the house with <c>Seed</c>, PV with <c>Seed + 1</c>).</param>
/// <param name="HouseAmplitude">Relative standard deviation of the house consumption, e.g. 0.15 = 15 %.</param>
/// <param name="PvAmplitude">Relative standard deviation of PV production.</param>
public sealed record HomeSimNoise(int Seed, double HouseAmplitude, double PvAmplitude)
{
    /// <summary>The benchmarks' noise: seed 20200101, house ±15 %, PV ±5 %, 10 s correlation.</summary>
    public static HomeSimNoise Default { get; } = new(20200101, 0.15, 0.05);

    public TimeSpan CorrelationTime { get; init; } = TimeSpan.FromSeconds(10);

    internal void Apply(double[] watts, double amplitude, TimeSpan pace, int streamOffset)
    {
        if (amplitude <= 0) return;
        var random = new Random(unchecked(Seed + streamOffset));
        var keep = Math.Exp(-pace.TotalSeconds / CorrelationTime.TotalSeconds);
        var fresh = Math.Sqrt(1 - keep * keep);
        var n = Gaussian(random);
        for (var i = 0; i < watts.Length; i++)
        {
            watts[i] *= Math.Max(0, 1 + amplitude * n);
            n = keep * n + fresh * Gaussian(random);
        }
    }

    /// <summary>A standard normal draw (Box–Muller); 1 − NextDouble() is in (0, 1], so the log is finite.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
