using ChargeBridge.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Telemetry;

/// <summary>The host's telemetry: an <see cref="ITelemetrySink"/> for the control loop (the <see cref="InfluxSink"/>
/// when an InfluxDB address is set, the metrics alone when only Prometheus is on; none registered when both are off)
/// and the Prometheus endpoint.</summary>
public static class TelemetryServices
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        if (options.InfluxUrl is null && !options.Prometheus) return services;
        services.AddSingleton<TelemetryMetrics>();
        if (options.InfluxUrl is not null)
        {
            services.AddSingleton(sp => new InfluxSink(options, new HttpClient(), sp.GetRequiredService<TelemetryMetrics>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<InfluxSink>>()));
            services.AddSingleton<ITelemetrySink>(sp => sp.GetRequiredService<InfluxSink>());
            services.AddHostedService(sp => sp.GetRequiredService<InfluxSink>());
        }
        else services.AddSingleton<ITelemetrySink>(sp => sp.GetRequiredService<TelemetryMetrics>());
        if (options.Prometheus)
            services.AddHostedService(sp => new PrometheusEndpoint(options.PrometheusPort, sp.GetRequiredService<ILogger<PrometheusEndpoint>>()));
        return services;
    }
}
