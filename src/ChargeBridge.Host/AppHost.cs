using ChargeBridge.Apps.PowerMirror;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Host.Configuration;
using ChargeBridge.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host;

/// <summary>The composition root: configuration sources, logging and every app, for both `run` and `demo`.</summary>
internal static class AppHost
{
    public static string DefaultAppsConfigFolder => Path.Combine(AppContext.BaseDirectory, "apps");

    /// <summary>Configuration as `run` and `check` read it, later sources winning: the apps' YAML (every app's defaults),
    /// appsettings.json beside the executable, an optional extra file, the HA add-on's options file, and the environment
    /// (HomeAssistant__Token …); last, secrets named by <c>…TokenFile</c> / <c>…PasswordFile</c> keys (<see cref="SecretFiles"/>).</summary>
    /// <exception cref="InvalidOperationException">A file named cannot be read; the message says which and why.</exception>
    public static IConfigurationManager Configure(IConfigurationManager configuration, string? settingsFile, string appsConfigFolder,
        string? addOnOptionsFile = null)
    {
        configuration.AddYamlAppConfig(appsConfigFolder);
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (settingsFile is not null)
        {
            var path = Path.GetFullPath(settingsFile);
            if (!File.Exists(path)) throw new InvalidOperationException($"--config {settingsFile}: no such file.");
            configuration.AddJsonFile(path, optional: false);
        }
        if (addOnOptionsFile is not null)
        {
            if (!File.Exists(addOnOptionsFile)) throw new InvalidOperationException($"--addon-options {addOnOptionsFile}: no such file.");
            configuration.AddAddOnOptions(addOnOptionsFile);
        }
        configuration.AddEnvironmentVariables();
        configuration.AddSecretFiles();
        return configuration;
    }

    /// <summary>Adds the configuration sources and checks everything `run` needs; prints every problem to
    /// <paramref name="errors"/> and returns null when there is any, else the Home Assistant options.</summary>
    public static HomeAssistantOptions? Validate(IConfiguration configuration, Action addSources, Func<string, string?> environment, TextWriter errors)
    {
        var problems = StartupValidation.Load(configuration, addSources, environment, out var options);
        if (problems.Count == 0) return options;
        errors.WriteLine($"Configuration error{(problems.Count == 1 ? "" : "s")} ({problems.Count}), nothing started:");
        foreach (var problem in problems) errors.WriteLine("  " + problem);
        return null;
    }

    /// <summary>Whether the entities go over MQTT: a broker is named (<c>Mqtt:Host</c>, from the settings or the Supervisor).</summary>
    public static bool MqttConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{MqttOptions.Section}:Host"]);

    /// <summary>Inside the add-on (SUPERVISOR_TOKEN set) with no broker configured, adds the broker the Supervisor's MQTT
    /// service offers; without one the entities stay on the REST path, which <paramref name="log"/> is told.</summary>
    public static async Task AddSupervisorMqttAsync(IConfigurationManager configuration, Func<string, string?> environment, HttpClient http, Uri endpoint,
        TextWriter log, CancellationToken ct)
    {
        if (environment("SUPERVISOR_TOKEN") is not { Length: > 0 } token || MqttConfigured(configuration)) return;
        var (keys, problem) = await SupervisorMqtt.ReadAsync(http, endpoint, token, ct);
        if (problem is null) configuration.AddInMemoryCollection(keys);
        else log.WriteLine($"MQTT discovery off, entities over HA's REST API and input_* helpers: {problem}");
    }

    /// <summary>Every app the host runs.</summary>
    public static AppCatalog Apps { get; } = AppCatalog.FromAssemblies(typeof(PowerMirrorApp).Assembly);

    /// <summary>The host with one console line per log message; <paramref name="logging"/> may add providers (a log
    /// shipper, a test's capture) after the console.</summary>
    /// <param name="overrides">Registrations that replace the defaults (the demo's virtual clock).</param>
    public static IHost Build(HostApplicationBuilder builder, HomeAssistantOptions options, LogLevel minimumLevel = LogLevel.Information,
        Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? overrides = null)
    {
        // The offset, because this machine's zone may not be HA's, in which the plan times are written.
        builder.Logging.ClearProviders().AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss zzz "; }).SetMinimumLevel(minimumLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        // Before the apps: hosted services start in this order and stop in reverse, so metrics count from the first plan
        // and the sink takes the apps' last steps after they have left the chargers.
        builder.Services.AddTelemetry(TelemetryOptions.Read(builder.Configuration, []));
        builder.Services.AddHomeAssistantApps(options, Apps);
        // The apps take MQTT options when a broker is named and publish their entities there instead of over REST.
        if (MqttConfigured(builder.Configuration)) builder.Services.AddSingleton(MqttOptions.FromConfiguration(builder.Configuration));
        if (builder.Configuration.GetValue<int?>("Health:Port") is > 0 and var port)
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<HealthEndpoint>(sp, port));
        overrides?.Invoke(builder.Services);
        return builder.Build();
    }
}
