using ChargeBridge.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChargeBridge.Telemetry.Tests;

/// <summary>What the host registers for each combination of the settings.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryServicesTests
{
    private static ServiceProvider Services(TelemetryOptions options) =>
        new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddTelemetry(options).BuildServiceProvider();

    [Fact]
    public void Off_registers_nothing_so_the_app_keeps_no_telemetry()
    {
        using var services = Services(new TelemetryOptions());
        Assert.Null(services.GetService<ITelemetrySink>());
        Assert.Empty(services.GetServices<IHostedService>());
    }

    [Fact]
    public void InfluxDB_registers_the_sink_as_the_app_s_sink_and_as_its_background_writer()
    {
        using var services = Services(new TelemetryOptions { InfluxUrl = new Uri("http://127.0.0.1:8086"), Database = "home" });
        var sink = Assert.IsType<InfluxSink>(services.GetRequiredService<ITelemetrySink>());
        Assert.Same(sink, Assert.Single(services.GetServices<IHostedService>()));
    }

    [Fact]
    public void Prometheus_alone_feeds_the_metrics_and_serves_them()
    {
        using var services = Services(new TelemetryOptions { Prometheus = true, PrometheusPort = 9464 });
        Assert.IsType<TelemetryMetrics>(services.GetRequiredService<ITelemetrySink>());
        Assert.IsType<PrometheusEndpoint>(Assert.Single(services.GetServices<IHostedService>()));
    }
}
