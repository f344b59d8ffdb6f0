using ChargeBridge.Core.Telemetry;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Telemetry.Tests;

/// <summary>Samples whose figures follow from their index, so a test can say which arrived.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Sample <paramref name="i"/>, one second after sample i − 1, with a loadpoint per name.</summary>
    public static TelemetrySample At(int i, params string[] loadpoints) =>
        new(Start.AddSeconds(i), Power.FromWatts(1000 + i), Power.FromWatts(-2500.5), Power.FromWatts(-300), Power.FromWatts(800 + i),
            [.. loadpoints.Select((name, n) => new LoadpointSample(name, Power.FromWatts(-3680 + n), Power.FromWatts(-3700), new Percent(61.5 + n)))]);
}
