using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Telemetry;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Configuration;

/// <summary>
/// Checks the whole configuration before anything connects and names every problem at once: the Home Assistant
/// connection, the health endpoint's port, the MQTT broker when one is named, the telemetry settings, every app's config class (unknown keys, unreadable values and what its <see cref="IValidatableConfig"/>
/// finds, the FlexMeasures account among them).
/// </summary>
internal static class StartupValidation
{
    /// <summary>Adds the sources, then validates; a source that cannot be read (a missing file, bad YAML) is a problem too.</summary>
    public static IReadOnlyList<ConfigProblem> Load(IConfiguration configuration, Action addSources, Func<string, string?> environment,
        out HomeAssistantOptions options)
    {
        try
        {
            addSources();
            return Validate(configuration, environment, AppHost.Apps, out options);
        }
        catch (InvalidOperationException e)
        {
            options = new HomeAssistantOptions();
            return [new ConfigProblem("configuration", "cannot be read: " + e.Message)];
        }
    }

    public static IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration, Func<string, string?> environment, AppCatalog apps,
        out HomeAssistantOptions options)
    {
        var problems = new List<ConfigProblem>();
        options = HomeAssistantOptions.Read(configuration, environment, problems);
        if (configuration["Health:Port"] is { Length: > 0 } health && !(int.TryParse(health, out var port) && port is >= 0 and <= 65535))
            problems.Add(new("Health:Port", $"'{health}' is no port: put 1–65535 to serve GET /health there, or 0 (or nothing) for none."));
        if (AppHost.MqttConfigured(configuration))
            problems.AddRange(Check(MqttOptions.Section, () => MqttOptions.FromConfiguration(configuration)));
        var telemetry = new List<(string Key, string Fix)>();
        TelemetryOptions.Read(configuration, telemetry);
        problems.AddRange(telemetry.Select(p => new ConfigProblem(p.Key, p.Fix)));
        foreach (var type in ConfigTypes(apps))
            problems.AddRange(Check(AppConfigBinder.SectionOf(configuration, type).Path, () => AppConfigBinder.Bind(configuration, type)));
        return problems;
    }

    /// <summary>The config classes the apps take in their constructors (as <see cref="IAppConfig{T}"/>).</summary>
    public static IEnumerable<Type> ConfigTypes(AppCatalog apps) =>
        apps.AppTypes.SelectMany(t => t.GetConstructors()).SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IAppConfig<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct();

    private static IEnumerable<ConfigProblem> Check(string section, Func<object> bind)
    {
        object value;
        try
        {
            value = bind();
        }
        catch (InvalidOperationException e)
        {
            return [new ConfigProblem(section, $"cannot be read: {e.Message}")];
        }
        return value is IValidatableConfig validatable ? validatable.Validate().Select(p => p.Under(section)).ToList() : [];
    }
}
