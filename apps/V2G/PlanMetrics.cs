using System.Diagnostics.Metrics;
using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Apps.V2G;

/// <summary>How often loadpoints plan, for the metrics endpoint: <c>chargebridge_plan_runs_total</c> with
/// <c>outcome</c> <c>planned</c> or <c>failed</c>. Nothing listens unless the host serves metrics.</summary>
internal static class PlanMetrics
{
    private static readonly Meter Meter = new(TelemetryMeter.Name);
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("chargebridge.plan_runs", description: "Plans made, by outcome");

    public static void Planned() => Runs.Add(1, new KeyValuePair<string, object?>("outcome", "planned"));

    public static void Failed() => Runs.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
}
