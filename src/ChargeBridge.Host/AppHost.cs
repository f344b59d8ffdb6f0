using ChargeBridge.Apps.PowerMirror;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host;

/// <summary>The composition root: configuration sources, logging and every app, for both `run` and `demo`.</summary>
internal static class AppHost
{
    public static string DefaultAppsConfigFolder => Path.Combine(AppContext.BaseDirectory, "apps");

    /// <summary>Configuration as `run` reads it: appsettings.json beside the executable, an optional file, the
    /// environment (HomeAssistant__Token …) and the apps' YAML.</summary>
    public static IConfigurationManager Configure(IConfigurationManager configuration, string? settingsFile, string appsConfigFolder)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (settingsFile is not null) configuration.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        configuration.AddEnvironmentVariables();
        configuration.AddYamlAppConfig(appsConfigFolder);
        return configuration;
    }

    /// <param name="overrides">Registrations that replace the defaults (the demo's virtual clock).</param>
    public static IHost Build(HostApplicationBuilder builder, HomeAssistantOptions options, LogLevel minimumLevel = LogLevel.Information,
        Action<IServiceCollection>? overrides = null)
    {
        builder.Logging.ClearProviders().AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }).SetMinimumLevel(minimumLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Services.AddHomeAssistantApps(options, typeof(PowerMirrorApp).Assembly);
        overrides?.Invoke(builder.Services);
        return builder.Build();
    }
}
