using System.Net;
using System.Text.Json;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host;

/// <summary>
/// <c>GET /health</c> on <c>Health:Port</c> for a watchdog (the HA add-on's <c>watchdog</c>): 200 with the
/// <see cref="HealthReport"/> as JSON while the host is well, 503 when not. Any other path is 404. Off unless a port is
/// configured.
/// </summary>
internal sealed class HealthEndpoint(int port, AppRuntime runtime, HomeAssistantClient client, TimeProvider time, ILogger<HealthEndpoint> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private DateTimeOffset? _disconnectedSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var connection = client.Connected.Subscribe(up => _disconnectedSince = up ? null : _disconnectedSince ?? time.GetUtcNow());
        _disconnectedSince = client.IsConnected ? null : time.GetUtcNow();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://*:{port}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            logger.LogError("Health endpoint not started: port {Port} cannot be listened on ({Reason})", port, e.Message);
            return;
        }
        logger.LogInformation("Health endpoint on port {Port}: GET /health", port);
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath != "/health")
        {
            response.StatusCode = 404;
            return;
        }
        var report = HealthReport.Of(runtime.Apps, _disconnectedSince, time.GetUtcNow());
        response.StatusCode = report.Healthy ? 200 : 503;
        response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(report, Json);
        response.OutputStream.Write(body);
    }
}
