using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Host.Configuration;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Host.Tests;

/// <summary>`run` with the Telemetry settings: the V2G app's control steps reach influxd and GET /metrics.</summary>
public partial class TelemetryHostTests
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^chargebridge_plan_runs_total\{[^}]*outcome=""planned""[^}]*\} [1-9]")]
    private static partial System.Text.RegularExpressions.Regex PlanRuns();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public void Wrong_telemetry_settings_are_named_before_anything_starts_and_secret_files_fill_the_token()
    {
        var configuration = new ConfigurationManager();
        var token = Path.GetTempFileName();
        File.WriteAllText(token, "t0ken\n");
        try
        {
            var problems = StartupValidation.Load(configuration, () =>
            {
                AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder);
                configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["HomeAssistant:Token"] = "t", ["ChargeBridge.Apps.V2G.V2GConfig:ChargerHost"] = "192.168.1.20",
                    ["Telemetry:InfluxUrl"] = "http://influx:8086", ["Telemetry:Bucket"] = "ev", ["Telemetry:TokenFile"] = token,
                    ["Telemetry:FlushSeconds"] = "0",
                });
                configuration.AddSecretFiles();
            }, _ => null, out _);

            Assert.Equal(["Telemetry:FlushSeconds", "Telemetry:Org"], problems.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("t0ken", configuration["Telemetry:Token"]);
        }
        finally
        {
            File.Delete(token);
        }
    }

    [Fact]
    public async Task The_running_host_writes_its_control_steps_to_influxd_and_serves_them_at_metrics()
    {
        var clock = new VirtualClock();
        await using var home = await HomeSetup.StartAsync(clock, new QuasarSimulatorOptions
        {
            Clock = clock, CarConnected = true, InitialSoc = new Percent(50), BatteryCapacity = Energy.FromKilowattHours(62),
        });
        await using var influx = await InfluxServer.StartAsync("home");
        var port = FreePort();
        using var host = InProcessRun.Build(clock, c =>
        {
            AppHost.Configure(c, null, AppHost.DefaultAppsConfigFolder);
            c.AddInMemoryCollection(home.Settings(_ => { }));
            c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telemetry:InfluxUrl"] = influx.Url.ToString(), ["Telemetry:Database"] = "home", ["Telemetry:FlushSeconds"] = "1",
                ["Telemetry:Prometheus"] = "true", ["Telemetry:PrometheusPort"] = port.ToString(CultureInfo.InvariantCulture),
            });
        }, new FakeLoggerProvider());
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.IsType<ChargeBridge.Telemetry.InfluxSink>(host.Services.GetRequiredService<ITelemetrySink>());
            // The writer flushes on the host's clock: virtual time goes on a second at a time until a write lands.
            await Wait.UntilAsync(async () =>
            {
                if (await influx.CountAsync("home", LineProtocol.LoadpointMeasurement, "power_w") > 0) return true;
                clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            }, "a loadpoint point in influxd", TimeSpan.FromSeconds(30));
            var loadpoint = await influx.QueryAsync("home", $"SELECT * FROM {LineProtocol.LoadpointMeasurement} LIMIT 1");
            Assert.Equal("default", loadpoint[0]["loadpoint"].GetString());
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            Assert.Matches(@"(?m)^chargebridge_control_steps_total(\{[^}]*\})? [1-9]", metrics);
            Assert.Matches(@"(?m)^chargebridge_telemetry_points_written_total(\{[^}]*\})? [1-9]", metrics);
            Assert.Contains("loadpoint=\"default\"", metrics);
            // The loadpoint's first step plans once the car's SoC is read.
            await Wait.UntilAsync(async () =>
            {
                if (PlanRuns().IsMatch(metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics"))) return true;
                clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            }, "a plan run counted at /metrics", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
