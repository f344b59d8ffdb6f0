using System.CommandLine;
using System.Reflection;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Host.Checks;
using ChargeBridge.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Verbs;

/// <summary>`check`: reads the configuration as `run` does and tries everything it names (Home Assistant, the charger,
/// FlexMeasures when configured), printing a checklist with a fix for each failure. Exit code 1 when anything fails.</summary>
internal sealed class CheckVerb : IVerb
{
    public Command Create()
    {
        var sources = new ConfigSources();
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for Home Assistant", DefaultValueFactory = _ => 15 };
        var command = new Command("check", "Check the configuration and the connections to Home Assistant, the charger and FlexMeasures") { timeout };
        foreach (var option in sources.Options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var configuration = new ConfigurationManager();
            var items = await RunAsync(configuration, () => sources.Apply(configuration, parse), Environment.GetEnvironmentVariable,
                TimeSpan.FromSeconds(parse.GetValue(timeout)), ct);
            foreach (var item in items) Console.WriteLine(item);
            var failed = items.Count(i => !i.Passed);
            Console.WriteLine(failed == 0 ? "All checks passed." : $"{failed} of {items.Count} checks failed.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Every check: the configuration's problems first, then each connection whose settings are valid.</summary>
    internal static async Task<IReadOnlyList<CheckItem>> RunAsync(IConfiguration configuration, Action addSources,
        Func<string, string?> environment, TimeSpan haTimeout, CancellationToken ct)
    {
        var problems = StartupValidation.Load(configuration, addSources, environment, out var options);
        if (problems.Any(p => p.Key == "configuration")) return problems.Select(Failed).ToList();
        var items = problems.Count == 0
            ? [CheckItem.Pass("configuration complete")]
            : problems.Select(Failed).ToList();

        var haConfigured = !problems.Any(p => p.Key.StartsWith(HomeAssistantOptions.Section + ":", StringComparison.Ordinal));
        if (haConfigured) items.AddRange(await HomeAssistantCheck.RunAsync(options, EntitiesRead(configuration), haTimeout, ct));
        var v2g = Bound<V2GConfig>(configuration);
        if (v2g is null) return items;
        await using var ha = !haConfigured || !NeedsHomeAssistant(v2g) ? null : await VerbHaSession.ConnectAsync(options, haTimeout, ct);
        var loadpoints = v2g.LoadpointsInUse;
        for (var i = 0; i < loadpoints.Count; i++)
        {
            var (loadpoint, section) = (loadpoints[i], v2g.Loadpoints.Count == 0 ? "" : $"Loadpoints:{i}:");
            var label = $"the {(loadpoint.LoadpointName.IsUnnamed ? "" : loadpoint.LoadpointName.Value + " ")}charger ({Where(loadpoint.ChargerSpec)})";
            if (!Concerns(problems, section + "Charger", nameof(V2GConfig.ChargerHost), nameof(V2GConfig.ChargerPort)))
                items.AddRange(await ChargerCheck.RunAsync(label, loadpoint.ChargerSpec, ha?.Context, ct));
            if (loadpoint.FlexMeasures is { } flexMeasures && !Concerns(problems, section + nameof(LoadpointConfig.FlexMeasures)))
                items.AddRange(await FlexMeasuresCheck.RunAsync(flexMeasures, ct));
        }
        foreach (var (key, meter) in new[] { ("Grid:Meter", v2g.Grid.Meter), (nameof(V2GConfig.PvMeter), v2g.PvMeter), (nameof(V2GConfig.BatteryMeter), v2g.BatteryMeter) })
            if (meter.Count > 0 && !Concerns(problems, key))
                items.AddRange(await MeterCheck.RunAsync($"the {key} ({Where(DeviceSpec.From(meter))})", DeviceSpec.From(meter), ha?.Context, ct));
        return items;
    }

    /// <summary>Whether a device of the site is reached through Home Assistant.</summary>
    private static bool NeedsHomeAssistant(V2GConfig v2g) =>
        v2g.LoadpointsInUse.Any(l => DeviceRegistry.Default.ChargerTypes.Any(t => t.NeedsHomeAssistant && t.Name == l.ChargerSpec.Type))
        || new[] { v2g.Grid.Meter, v2g.PvMeter, v2g.BatteryMeter }.Any(m => DeviceRegistry.Default.MeterTypes.Any(t => t.NeedsHomeAssistant && t.Name == DeviceSpec.From(m).Type));

    /// <summary>Every entity an app's config names: properties ending in "Entity" (CalendarEntity, Prices:Entity …) and
    /// string lists ending in "Entities", in nested sections too; of the prices, those the tariff reads.</summary>
    private static List<(string Key, string EntityId)> EntitiesRead(IConfiguration configuration) =>
        StartupValidation.ConfigTypes(AppHost.Apps)
            .Select(type => (Type: type, Value: TryBind(configuration, type)))
            .Where(c => c.Value is not null)
            .SelectMany(c => Entities(c.Type.Name, c.Value!))
            .Where(e => EntityIds.Valid(e.EntityId))
            .ToList();

    /// <summary>The domains of entities a device key may name; a host name such as wallbox.local is none of them.</summary>
    private static readonly HashSet<string> HaDeviceDomains = ["sensor", "binary_sensor", "switch", "number", "select", "input_number", "input_select", "input_boolean"];

    private static IEnumerable<(string Key, string EntityId)> Entities(string path, object config)
    {
        if (config is Apps.V2G.Prices.PricesConfig prices)
        {
            foreach (var (key, id) in prices.EntitiesRead()) yield return ($"{path}:{key}", id);
            yield break;
        }
        foreach (var property in config.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var key = $"{path}:{property.Name}";
            switch (property.GetValue(config))
            {
                case string id when property.Name.EndsWith("Entity", StringComparison.Ordinal):
                    yield return (key, id);
                    break;
                case IEnumerable<string> ids when property.Name.EndsWith("Entities", StringComparison.Ordinal):
                    foreach (var id in ids) yield return (key, id);
                    break;
                case Dictionary<string, string> device:
                    // A device served through HA (ha-entities, ha-sensor) names its entities among its keys.
                    foreach (var (name, value) in device.Where(d => EntityIds.Valid(d.Value) && HaDeviceDomains.Contains(d.Value.Split('.')[0])))
                        yield return ($"{key}:{name}", value);
                    break;
                case System.Collections.IList list when list.Count > 0 && list[0]?.GetType().Assembly == config.GetType().Assembly:
                    for (var i = 0; i < list.Count; i++)
                        foreach (var entity in Entities($"{key}:{i}", list[i]!)) yield return entity;
                    break;
                case { } section when section.GetType().Assembly == config.GetType().Assembly && section.GetType().IsClass && section is not string:
                    foreach (var entity in Entities(key, section)) yield return entity;
                    break;
            }
        }
    }

    /// <summary>The device's type and address as a user recognises it: "quasar at 192.168.1.20:502".</summary>
    private static string Where(DeviceSpec spec) =>
        spec.Text("Host") is { } host ? $"{spec.Type} at {host}{(spec.Text("Port") is { } port ? ":" + port : "")}" : spec.Type;

    private static T? Bound<T>(IConfiguration configuration) where T : class => TryBind(configuration, typeof(T)) as T;

    private static object? TryBind(IConfiguration configuration, Type type)
    {
        try
        {
            return AppConfigBinder.Bind(configuration, type);
        }
        catch (InvalidOperationException)
        {
            return null; // already reported as a configuration problem
        }
    }

    private static CheckItem Failed(ConfigProblem problem) => CheckItem.Fail($"configuration: {problem}",
        "set the key in appsettings.json, the environment, the add-on's options or the apps' YAML as the message says");

    private static bool Concerns(IReadOnlyList<ConfigProblem> problems, params string[] keys) =>
        problems.Any(p => keys.Any(k => p.Key.EndsWith(":" + k, StringComparison.Ordinal) || p.Key.Contains(":" + k + ":", StringComparison.Ordinal)));
}
