using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Configuration;

/// <summary>
/// The options a user sets on the Home Assistant add-on's configuration page, which the supervisor writes to
/// /data/options.json, read as the configuration keys the host and the apps bind. Empty options leave the key to the
/// other sources (appsettings.json, the environment, the apps' YAML).
/// </summary>
internal static class AddOnOptions
{
    public const string DefaultPath = "/data/options.json";
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig:";

    /// <summary>Option name (ha-addon/chargebridge/config.yaml) → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["charger_host"] = V2G + "ChargerHost",
        ["charger_port"] = V2G + "ChargerPort",
        ["calendar_entity"] = V2G + "CalendarEntity",
        ["price_source"] = V2G + "Prices:Source",
        ["price_entity"] = V2G + "Prices:Entity",
        ["price_more_entities"] = V2G + "Prices:MoreEntities",
        ["price_sensor_id"] = V2G + "Prices:SensorId",
        ["soc_entity"] = V2G + "SocEntity",
        ["notify_targets"] = V2G + "NotifyTargets",
        ["practical_max_soc"] = V2G + "PracticalMaxSoc",
        ["flexmeasures_url"] = V2G + "FlexMeasures:Url",
        ["flexmeasures_email"] = V2G + "FlexMeasures:Email",
        ["flexmeasures_password"] = V2G + "FlexMeasures:Password",
        ["flexmeasures_power_sensor"] = V2G + "FlexMeasures:PowerSensor",
        ["flexmeasures_consumption_price_sensor"] = V2G + "FlexMeasures:ConsumptionPriceSensor",
        ["flexmeasures_production_price_sensor"] = V2G + "FlexMeasures:ProductionPriceSensor",
        ["flexmeasures_soc_sensor"] = V2G + "FlexMeasures:SocSensor",
        ["flexmeasures_availability_sensor"] = V2G + "FlexMeasures:AvailabilitySensor",
    };

    /// <summary>Adds the options file's values under their configuration keys.</summary>
    /// <exception cref="InvalidOperationException">The file is not a JSON object, or names an option this host does not know.</exception>
    public static IConfigurationBuilder AddAddOnOptions(this IConfigurationBuilder builder, string path) =>
        builder.AddInMemoryCollection(Read(File.ReadAllText(path), path));

    public static IEnumerable<KeyValuePair<string, string?>> Read(string json, string source)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{source} is not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidOperationException($"{source} must hold a JSON object of add-on options.");
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var option in root.EnumerateObject())
        {
            if (!Keys.TryGetValue(option.Name, out var key))
                throw new InvalidOperationException($"{source}: the add-on option '{option.Name}' is not known to this version of ChargeBridge.");
            if (option.Value.ValueKind == JsonValueKind.Array)
                values.AddRange(option.Value.EnumerateArray().Select(Text).Where(t => t is { Length: > 0 })
                    .Select((text, i) => new KeyValuePair<string, string?>($"{key}:{i}", text)));
            else if (Text(option.Value) is { Length: > 0 } text) values.Add(new(key, text));
        }
        return values;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
