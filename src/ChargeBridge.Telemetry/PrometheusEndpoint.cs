using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ChargeBridge.Telemetry;

/// <summary><c>GET /metrics</c> on <see cref="TelemetryOptions.PrometheusPort"/>: the <see cref="TelemetryMetrics"/> in
/// the Prometheus text exposition format, served by OpenTelemetry's Prometheus exporter while the host runs.</summary>
public sealed class PrometheusEndpoint(int port, ILogger<PrometheusEndpoint> logger) : IHostedService, IDisposable
{
    private MeterProvider? _provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(TelemetryMetrics.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Port = port;
                    // Every address, as GET /health is served: Prometheus scrapes from another host or container.
                    o.ConfigureHttpListener = (_, listener) =>
                    {
                        listener.Prefixes.Clear();
                        listener.Prefixes.Add($"http://*:{port}/");
                    };
                    // Every scrape sees the latest step, not a copy kept from an earlier one.
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                })
                .Build();
            logger.LogInformation("Prometheus metrics on port {Port}: GET /metrics", port);
        }
        catch (Exception e) when (e is System.Net.HttpListenerException or InvalidOperationException)
        {
            // Metrics are an extra: a port taken costs them, not the control loop.
            logger.LogError("Prometheus metrics not served: port {Port} cannot be listened on ({Reason})", port, e.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _provider = null;
    }
}
