namespace ChargeBridge.Telemetry.Tests;

/// <summary>The tests that make <see cref="TelemetryMetrics"/> run one after another: the meter's name is one for the
/// process, and a Prometheus scrape would show another test's instruments beside its own.</summary>
[CollectionDefinition(Name)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry meter";
}
