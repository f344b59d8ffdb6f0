using System.Globalization;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Telemetry.Tests;

/// <summary>GET /metrics read with a plain HTTP client and parsed as the Prometheus text exposition format.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task A_scrape_shows_the_last_sample_as_gauges_and_counters_that_rise()
    {
        await using var influx = await InfluxServer.StartAsync("chargebridge");
        using var metrics = new TelemetryMetrics();
        var port = ClosedPort.Next();
        var log = new FakeLogger<PrometheusEndpoint>();
        using var endpoint = new PrometheusEndpoint(port, log);
        await endpoint.StartAsync(CancellationToken.None);
        Assert.DoesNotContain(log.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        using var sink = new InfluxSink(new TelemetryOptions { InfluxUrl = influx.Url, Database = "chargebridge", Flush = TimeSpan.FromMilliseconds(50) },
            new HttpClient(), metrics, TimeProvider.System, new FakeLogger<InfluxSink>());
        await sink.StartAsync(CancellationToken.None);
        using var http = new HttpClient();

        sink.Publish(Samples.At(0, "garage", "driveway"));
        await Wait.Until(() => sink.WrittenTotal == 3, "the first sample written");
        var first = Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
        Assert.Equal(1000, first["chargebridge_grid_power_watts"]);
        Assert.Equal(-2500.5, first["chargebridge_pv_power_watts"]);
        Assert.Equal(800, first["chargebridge_house_power_watts"]);
        Assert.Equal(-3679, first["chargebridge_loadpoint_power_watts{loadpoint=\"driveway\"}"]);
        Assert.Equal(-3700, first["chargebridge_loadpoint_set_point_watts{loadpoint=\"garage\"}"]);
        Assert.Equal(61.5, first["chargebridge_loadpoint_soc_percent{loadpoint=\"garage\"}"]);
        Assert.Equal(1, first["chargebridge_control_steps_total"]);
        Assert.Equal(3, first["chargebridge_telemetry_points_written_total"]);

        sink.Publish(Samples.At(7, "garage", "driveway"));
        await Wait.Until(() => sink.WrittenTotal == 6, "the second sample written");
        var second = Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
        Assert.Equal(1007, second["chargebridge_grid_power_watts"]);
        Assert.Equal(807, second["chargebridge_house_power_watts"]);
        Assert.Equal(2, second["chargebridge_control_steps_total"]);
        Assert.Equal(6, second["chargebridge_telemetry_points_written_total"]);
        await sink.StopAsync(CancellationToken.None);
        await endpoint.StopAsync(CancellationToken.None);
    }

    /// <summary>Each sample line as "name{labels}" → value; the OpenTelemetry scope labels are left out, comments skipped.</summary>
    private static Dictionary<string, double> Parse(string exposition)
    {
        var samples = new Dictionary<string, double>();
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#')) continue;
            var valueAt = line.LastIndexOf(' ');
            var series = line[..valueAt];
            var name = series.Split('{')[0];
            var labels = series.Length > name.Length
                ? series[(name.Length + 1)..^1].Split(',').Where(l => !l.StartsWith("otel_scope_", StringComparison.Ordinal) && l.Length > 0).ToList()
                : [];
            var key = labels.Count == 0 ? name : $"{name}{{{string.Join(',', labels)}}}";
            samples[key] = double.Parse(line[(valueAt + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
