using System.CommandLine;
using System.Globalization;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json.Nodes;
using ChargeBridge.Chargers.Quasar;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Verbs;

/// <summary>`demo`: with nothing configured, starts the in-process HA fake and the Quasar simulator on loopback and
/// runs the apps against them, feeding a household's grid power and showing what the apps publish.</summary>
internal sealed class DemoVerb : IVerb
{
    // A morning of grid power readings in W: night base load, a kettle, solar export (negative), a sensor dropout.
    private static readonly string[] GridPowerW = ["312", "298", "2450", "2310", "405", "-850", "-1920", "unavailable", "-2230", "-640", "180"];

    public Command Create()
    {
        var command = new Command("demo", "Run the apps against a built-in Home Assistant fake; needs nothing configured");
        command.SetAction(async (_, ct) =>
        {
            await using var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
            fake.SetState("sensor.grid_power", GridPowerW[0], new JsonObject { ["unit_of_measurement"] = "W", ["device_class"] = "power" });
            Console.WriteLine($"Home Assistant fake on {fake.HttpUri}");

            await using var charger = await QuasarSimulator.StartAsync();
            Console.WriteLine($"Wallbox Quasar simulator on {charger.Endpoint}");

            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            AppHost.Configure(builder.Configuration, settingsFile: null, AppHost.DefaultAppsConfigFolder);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChargeBridge.Apps.V2G.V2GConfig:ChargerHost"] = charger.Endpoint.Address.ToString(),
                ["ChargeBridge.Apps.V2G.V2GConfig:ChargerPort"] = charger.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
            });
            using var host = AppHost.Build(builder, fake.ClientOptions(), LogLevel.Warning);
            await host.StartAsync(ct);
            var runtime = host.Services.GetRequiredService<AppRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(30), ct);
            foreach (var app in runtime.Apps)
                Console.WriteLine($"app {app.Id}: {app.State}{(app.Error is null ? "" : " (" + app.Error + ")")}");

            var client = host.Services.GetRequiredService<HassModel.Client.HomeAssistantClient>();
            Console.WriteLine("sensor.grid_power (W)  ->  sensor.chargebridge_grid_power_kw");
            for (var i = 1; i < GridPowerW.Length; i++)
            {
                var mirrored = client.StateChanges
                    .Where(c => c.New?.EntityId == "sensor.chargebridge_grid_power_kw")
                    .FirstAsync().ToTask(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
                fake.SetState("sensor.grid_power", GridPowerW[i]);
                var published = (await mirrored).New!;
                var shown = published.IsUnavailable ? published.State : $"{published.State} {published.AttributeString("unit_of_measurement")}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{GridPowerW[i],21}  ->  {shown}"));
            }
            await host.StopAsync(ct);
            return runtime.Apps.All(a => a.State != AppState.Failed) ? 0 : 1;
        });
        return command;
    }
}
