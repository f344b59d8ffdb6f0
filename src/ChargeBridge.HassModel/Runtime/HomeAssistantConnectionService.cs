using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Runtime;

/// <summary>Keeps the HA client connected for the host's lifetime; a refused token stops the host, since no retry can help.</summary>
internal sealed class HomeAssistantConnectionService(
    HomeAssistantClient client, IHostApplicationLifetime lifetime, ILogger<HomeAssistantConnectionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await client.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (HaAuthenticationException)
        {
            logger.LogCritical("Stopping: Home Assistant refused the access token");
            Environment.ExitCode = 2;
            lifetime.StopApplication();
        }
    }
}
