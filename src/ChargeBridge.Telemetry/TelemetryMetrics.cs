using System.Diagnostics.Metrics;
using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Telemetry;

/// <summary>
/// The OpenTelemetry metrics of meter <see cref="MeterName"/>: gauges of the latest control step (grid, PV, house
/// battery and house power in W; per loadpoint, tagged <c>loadpoint</c>, its power and set point in W and the car's SoC
/// in %), and counters of control steps and of the InfluxDB sink's points written, samples dropped and failed writes.
/// It is a sink itself, for when Prometheus is on without InfluxDB. Other instruments of the same meter (the plan runs)
/// are exported beside these.
/// </summary>
public sealed class TelemetryMetrics : ITelemetrySink, IDisposable
{
    public const string MeterName = TelemetryMeter.Name;

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _steps;
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _failures;
    private TelemetrySample? _last;

    public TelemetryMetrics()
    {
        _steps = _meter.CreateCounter<long>("chargebridge.control_steps", description: "Control steps taken");
        _written = _meter.CreateCounter<long>("chargebridge.telemetry.points_written", description: "Line-protocol points InfluxDB took");
        _dropped = _meter.CreateCounter<long>("chargebridge.telemetry.samples_dropped", description: "Samples dropped, oldest first, from a full buffer");
        _failures = _meter.CreateCounter<long>("chargebridge.telemetry.write_failures", description: "InfluxDB writes that failed");
        Site("chargebridge.grid_power_watts", "Grid power, import positive (W)", s => s.Grid?.Watts);
        Site("chargebridge.pv_power_watts", "PV power, production negative (W)", s => s.Pv?.Watts);
        Site("chargebridge.battery_power_watts", "House battery power (W)", s => s.Battery?.Watts);
        Site("chargebridge.house_power_watts", "House power (W)", s => s.House?.Watts);
        Loadpoint("chargebridge.loadpoint_power_watts", "Loadpoint power, charging positive (W)", l => l.Power.Watts);
        Loadpoint("chargebridge.loadpoint_set_point_watts", "Loadpoint set point in force (W)", l => l.SetPoint.Watts);
        Loadpoint("chargebridge.loadpoint_soc_percent", "Car state of charge (%)", l => l.Soc?.Value);
    }

    /// <summary>Alone (Prometheus without InfluxDB) it is scraped, never writes: there is nothing to fail.</summary>
    public TelemetryStatus Status => TelemetryStatus.NothingToWrite;

    public void Publish(TelemetrySample sample)
    {
        Volatile.Write(ref _last, sample);
        _steps.Add(1);
    }

    public void Written(int points) => _written.Add(points);

    public void Dropped(int samples) => _dropped.Add(samples);

    public void WriteFailed() => _failures.Add(1);

    private void Site(string name, string description, Func<TelemetrySample, double?> value) =>
        _meter.CreateObservableGauge(name, () => Volatile.Read(ref _last) is { } s && value(s) is { } v ? [new Measurement<double>(v)] : Array.Empty<Measurement<double>>(),
            description: description);

    private void Loadpoint(string name, string description, Func<LoadpointSample, double?> value) =>
        _meter.CreateObservableGauge(name, () => (Volatile.Read(ref _last)?.Loadpoints ?? [])
            .Where(l => value(l) is not null)
            .Select(l => new Measurement<double>(value(l)!.Value, new KeyValuePair<string, object?>("loadpoint", l.Name))), description: description);

    public void Dispose() => _meter.Dispose();
}
