using System.CommandLine;
using ChargeBridge.Host.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChargeBridge.Host.Verbs;

/// <summary>`run`: the apps against a real Home Assistant, until stopped. Exit code 2 when the configuration is invalid
/// (every problem is printed first) or Home Assistant refuses the token.</summary>
internal sealed class RunVerb : IVerb
{
    public Command Create()
    {
        var sources = new ConfigSources();
        var command = new Command("run", "Run the apps against your Home Assistant");
        foreach (var option in sources.Options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            if (AppHost.Validate(builder.Configuration, () => sources.Apply(builder.Configuration, parse), Environment.GetEnvironmentVariable, Console.Error)
                is not { } options)
                return 2;
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
                await AppHost.AddSupervisorMqttAsync(builder.Configuration, Environment.GetEnvironmentVariable, http, SupervisorMqtt.Endpoint, Console.Error, ct);
            using var host = AppHost.Build(builder, options);
            await host.RunAsync(ct);
            return Environment.ExitCode;
        });
        return command;
    }
}
