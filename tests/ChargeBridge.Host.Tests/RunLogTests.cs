using System.Text.Json.Nodes;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Host.Tests;

/// <summary>The `run` composition in-process against a home on loopback, with every log message of every level kept.</summary>
public sealed class RunLogTests : IDisposable
{
    private readonly string _settingsFile = Path.Combine(Path.GetTempPath(), $"chargebridge-run-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task A_full_run_logs_its_decisions_and_never_the_token_or_the_FlexMeasures_password()
    {
        var clock = new VirtualClock();
        await using var home = await HomeSetup.StartAsync(clock, new QuasarSimulatorOptions
        {
            Clock = clock, CarConnected = false, InitialSoc = new Percent(40), BatteryCapacity = Energy.FromKilowattHours(62),
        });
        home.Ha.SetState(HomeSetup.Prices, "0.25", DayOfPrices(clock.GetUtcNow()));
        await File.WriteAllTextAsync(_settingsFile, Nested(home.Settings()).ToJsonString());

        var logs = new FakeLoggerProvider();
        using var host = InProcessRun.Build(clock, c => AppHost.Configure(c, _settingsFile, AppHost.DefaultAppsConfigFolder), logs);

        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<AppRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(30));
            await Wait.Until(() => home.Charger.Requests > 0, "the driver's first poll");
            home.Charger.PlugIn();
            // The driver learns the car's SoC with a short charge, then the controller plans: step virtual time until it has.
            await InProcessRun.AdvanceUntilAsync(clock, () => logs.Collector.WithField("Planned").Any() && logs.Collector.WithField("Commanded").Any(),
                "a plan and a command");
        }
        finally
        {
            await host.StopAsync();
        }

        // The decisions come from the V2G app's logger; the text inside them is DecisionText's, tested in Core.
        var records = logs.Collector.GetSnapshot();
        Assert.Contains(records, r => r is { Level: LogLevel.Information, Category: "ChargeBridge.Apps.V2G.V2GApp" } && !string.IsNullOrEmpty(r.GetStructuredStateValue("Planned")));
        Assert.Contains(records, r => r is { Level: LogLevel.Information, Category: "ChargeBridge.Apps.V2G.V2GApp" } && !string.IsNullOrEmpty(r.GetStructuredStateValue("Commanded")));
        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true);
        Assert.Contains(records, r => r.Category == typeof(HomeAssistantClient).FullName);
        var all = logs.Collector.AllText();
        Assert.DoesNotContain(HomeSetup.Token, all);
        Assert.DoesNotContain(HomeSetup.FlexPassword, all);
    }

    /// <summary>Hourly prices for a day from <paramref name="start"/>: cheap at night, dear in the evening.</summary>
    private static JsonObject DayOfPrices(DateTimeOffset start)
    {
        var prices = new JsonArray();
        for (var h = 0; h < 24; h++)
            prices.Add(new JsonObject { ["time"] = start.AddHours(h).ToString("yyyy-MM-ddTHH:mm:sszzz"), ["value"] = h is >= 12 and < 16 ? 0.05 : 0.30 });
        return new JsonObject { ["prices"] = prices, ["unit_of_measurement"] = "EUR/kWh" };
    }

    /// <summary>"A:B" keys as the nested JSON object an appsettings file holds.</summary>
    private static JsonObject Nested(Dictionary<string, string?> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            var node = root;
            var parts = key.Split(':');
            foreach (var part in parts[..^1]) node = (JsonObject)(node[part] ??= new JsonObject());
            node[parts[^1]] = value;
        }
        return root;
    }

    public void Dispose() => File.Delete(_settingsFile);
}
