using System.CommandLine;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Hosting;

namespace ChargeBridge.Host.Verbs;

/// <summary>`run`: the apps against a real Home Assistant, until stopped.</summary>
internal sealed class RunVerb : IVerb
{
    public Command Create()
    {
        var settings = new Option<string?>("--config") { Description = "An extra appsettings JSON file (HomeAssistant:Host/Port/Ssl/Token …)" };
        var apps = new Option<string>("--apps-config") { Description = "Folder of the apps' YAML files", DefaultValueFactory = _ => AppHost.DefaultAppsConfigFolder };
        var command = new Command("run", "Run the apps against your Home Assistant") { settings, apps };
        command.SetAction(async (parse, ct) =>
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            AppHost.Configure(builder.Configuration, parse.GetValue(settings), parse.GetValue(apps)!);
            HomeAssistantOptions options;
            try
            {
                options = HomeAssistantOptions.FromConfiguration(builder.Configuration, Environment.GetEnvironmentVariable);
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync("Configuration error: " + e.Message);
                return 2;
            }
            using var host = AppHost.Build(builder, options);
            await host.RunAsync(ct);
            return Environment.ExitCode;
        });
        return command;
    }
}
