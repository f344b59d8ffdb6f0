using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Host.Tests;

/// <summary>`run` with Health:Port serves GET /health for the add-on's watchdog.</summary>
public class HealthEndpointTests
{
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_running_host_answers_health_with_200_and_its_apps_and_other_paths_with_404()
    {
        var clock = new VirtualClock();
        await using var home = await HomeSetup.StartAsync(clock, new QuasarSimulatorOptions
        {
            Clock = clock, CarConnected = true, InitialSoc = new Percent(50), BatteryCapacity = Energy.FromKilowattHours(62),
        });
        var port = FreePort();
        using var host = InProcessRun.Build(clock, c =>
        {
            AppHost.Configure(c, null, AppHost.DefaultAppsConfigFolder);
            c.AddInMemoryCollection(home.Settings(_ => { }));
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }, new FakeLoggerProvider());
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

            using var health = await http.GetAsync("health");
            using var other = await http.GetAsync("metrics");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Contains(body.RootElement.GetProperty("apps").EnumerateArray(), a => a.GetProperty("id").GetString() == "v2g");
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
