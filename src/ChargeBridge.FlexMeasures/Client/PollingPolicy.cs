namespace ChargeBridge.FlexMeasures.Client;

/// <summary>How long to wait between "not ready" answers: the delay grows by <see cref="Growth"/> up to
/// <see cref="MaxDelay"/>, and polling gives up once <see cref="Deadline"/> has passed since the first request.</summary>
public sealed record PollingPolicy(TimeSpan FirstDelay, double Growth, TimeSpan MaxDelay, TimeSpan Deadline)
{
    /// <summary>FlexMeasures jobs usually finish in seconds; a 27-hour storage schedule rarely needs a minute.</summary>
    public static PollingPolicy Default { get; } =
        new(TimeSpan.FromSeconds(0.5), 1.6, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(3));

    public TimeSpan Next(TimeSpan delay) =>
        TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * Growth), MaxDelay.Ticks));
}
