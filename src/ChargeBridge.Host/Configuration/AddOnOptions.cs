using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Configuration;

/// <summary>
/// The options a user sets on the Home Assistant add-on's configuration page, which the supervisor writes to
/// /data/options.json, read as the configuration keys the host and the apps bind. Empty options leave the key to the
/// other sources (appsettings.json, the environment, the apps' YAML). A site is described by device options (a
/// mapping of one device's keys in snake_case, such as <c>grid_meter: {type: shelly-pro3em, host: …}</c>) and by
/// <c>loadpoints</c>, a list whose items carry their charger's keys with a <c>charger_</c> prefix and their FlexMeasures
/// keys with a <c>flexmeasures_</c> prefix and their battery wear keys with <c>battery_</c>: HA's add-on schema nests two levels deep at most. Time-of-use windows are
/// <c>tou_windows</c>, a list of mappings <c>{start, end, price}</c>.
/// </summary>
internal static class AddOnOptions
{
    public const string DefaultPath = "/data/options.json";
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig:";

    /// <summary>Option name (config.yaml at the repository's root) → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["charger_host"] = V2G + "ChargerHost",
        ["charger_port"] = V2G + "ChargerPort",
        ["calendar_entity"] = V2G + "CalendarEntity",
        ["price_source"] = V2G + "Prices:Source",
        ["price_entity"] = V2G + "Prices:Entity",
        ["price_more_entities"] = V2G + "Prices:MoreEntities",
        ["price_sensor_id"] = V2G + "Prices:SensorId",
        ["price_import"] = V2G + "Prices:Import",
        ["tou_default_price"] = V2G + "Prices:TimeOfUse:DefaultPrice",
        ["price_export"] = V2G + "Prices:Export",
        ["export_price"] = V2G + "Prices:ExportPrice",
        ["export_source"] = V2G + "Prices:ExportSource",
        ["export_entity"] = V2G + "Prices:ExportEntity",
        ["export_more_entities"] = V2G + "Prices:ExportMoreEntities",
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
        ["grid_import_limit_w"] = V2G + "Grid:ImportLimitW",
        ["grid_export_limit_w"] = V2G + "Grid:ExportLimitW",
        ["control_pace_s"] = V2G + "HomePower:PaceSeconds",
        ["house_battery_soc_entity"] = V2G + "HomePower:BatterySocEntity",
        ["grid_limit_margin_w"] = V2G + "HomePower:GridLimitMarginW",
        ["learned_departures"] = V2G + "LearnedDepartures",
        ["forecast_house_statistics"] = V2G + "Forecast:HouseStatistics",
        ["forecast_pv_statistic"] = V2G + "Forecast:PvStatistic",
        ["forecast_solar_today"] = V2G + "Forecast:SolarForecastToday",
        ["forecast_solar_tomorrow"] = V2G + "Forecast:SolarForecastTomorrow",
        ["forecast_history_days"] = V2G + "Forecast:HistoryDays",
        ["battery_chemistry"] = V2G + "Wear:Chemistry",
        ["battery_pack_price_eur"] = V2G + "Wear:PackPriceEur",
        ["battery_depth_percent"] = V2G + "Wear:DepthPercent",
        ["battery_temperature_c"] = V2G + "Wear:TemperatureC",
        ["battery_cycle_life"] = V2G + "Wear:CycleLife",
        ["equipment_cost_eur"] = V2G + "EquipmentCostEur",
        ["telemetry_influx_url"] = "Telemetry:InfluxUrl",
        ["telemetry_influx_database"] = "Telemetry:Database",
        ["telemetry_influx_username"] = "Telemetry:Username",
        ["telemetry_influx_password"] = "Telemetry:Password",
        ["telemetry_flush_s"] = "Telemetry:FlushSeconds",
        ["telemetry_prometheus"] = "Telemetry:Prometheus",
        ["backup_source"] = V2G + "Backup:Source",
        ["backup_entity"] = V2G + "Backup:Entity",
        ["backup_reserve_soc"] = V2G + "Backup:ReserveSoc",
        ["backup_down_s"] = V2G + "Backup:DownSeconds",
        ["backup_hold_min"] = V2G + "Backup:HoldMinutes",
        ["backup_load_window_min"] = V2G + "Backup:LoadWindowMinutes",
        ["backup_loads"] = V2G + "Backup:Loads",
        ["frequency_response"] = V2G + "FrequencyResponse:Enabled",
        ["frequency_entity"] = V2G + "FrequencyResponse:Entity",
        ["frequency_under_hz"] = V2G + "FrequencyResponse:UnderHz",
        ["frequency_over_hz"] = V2G + "FrequencyResponse:OverHz",
        ["frequency_trigger_s"] = V2G + "FrequencyResponse:TriggerSeconds",
        ["frequency_discharge_w"] = V2G + "FrequencyResponse:DischargeW",
        ["frequency_charge_w"] = V2G + "FrequencyResponse:ChargeW",
        ["frequency_charge_on_over"] = V2G + "FrequencyResponse:ChargeOnOverFrequency",
        ["frequency_max_duration_min"] = V2G + "FrequencyResponse:MaxDurationMinutes",
        ["frequency_min_soc"] = V2G + "FrequencyResponse:MinSoc",
        ["frequency_min_gap_min"] = V2G + "FrequencyResponse:MinGapMinutes",
        ["frequency_max_events_per_day"] = V2G + "FrequencyResponse:MaxEventsPerDay",
        ["frequency_max_kwh_per_day"] = V2G + "FrequencyResponse:MaxKwhPerDay",
    };

    /// <summary>Device option (a mapping of the device's keys) → the configuration section of that device.</summary>
    public static readonly IReadOnlyDictionary<string, string> Devices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["grid_meter"] = V2G + "Grid:Meter",
        ["pv_meter"] = V2G + "PvMeter",
        ["battery_meter"] = V2G + "BatteryMeter",
    };

    /// <summary>The list option of the site's loadpoints, each item a mapping.</summary>
    public const string Loadpoints = "loadpoints";

    /// <summary>The list option of fixed time-of-use windows, each item a mapping of <see cref="TimeOfUseWindowKeys"/>.</summary>
    public const string TimeOfUseWindows = "tou_windows";

    public static readonly IReadOnlyList<string> TimeOfUseWindowKeys = ["start", "end", "price"];

    /// <summary>A loadpoint item's own keys (the rest carry a <see cref="LoadpointSections"/> prefix).</summary>
    public static readonly IReadOnlyList<string> LoadpointKeys = ["name", "calendar_entity", "soc_entity", "practical_max_soc", "priority", "equipment_cost_eur"];

    /// <summary>Prefix of a loadpoint item's key → the section under the loadpoint it belongs to.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoadpointSections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["charger_"] = "Charger",
        ["flexmeasures_"] = "FlexMeasures",
        ["battery_"] = "Wear",
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
            if (Keys.TryGetValue(option.Name, out var key)) Add(values, key, option.Value);
            else if (Devices.TryGetValue(option.Name, out var section)) AddMapping(values, section, option.Name, option.Value, source, name => name);
            else if (option.Name == Loadpoints) AddList(values, Loadpoints, V2G + "Loadpoints", option.Value, source, LoadpointKey);
            else if (option.Name == TimeOfUseWindows)
                AddList(values, TimeOfUseWindows, V2G + "Prices:TimeOfUse:Windows", option.Value, source, name => TimeOfUseWindowKeys.Contains(name) ? name : null);
            else throw new InvalidOperationException($"{source}: the add-on option '{option.Name}' is not known to this version of ChargeBridge.");
        }
        return values;
    }

    private static void Add(List<KeyValuePair<string, string?>> values, string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
            values.AddRange(value.EnumerateArray().Select(Text).Where(t => t is { Length: > 0 })
                .Select((text, i) => new KeyValuePair<string, string?>($"{key}:{i}", text)));
        else if (Text(value) is { Length: > 0 } text) values.Add(new(key, text));
    }

    /// <summary>A mapping option's keys under <paramref name="section"/>; <paramref name="keyOf"/> turns each snake_case
    /// name into the key under the section (null: not a key this mapping may hold).</summary>
    private static void AddMapping(List<KeyValuePair<string, string?>> values, string section, string option, JsonElement mapping, string source,
        Func<string, string?> keyOf)
    {
        if (mapping.ValueKind == JsonValueKind.Null) return;
        if (mapping.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{source}: the add-on option '{option}' must hold a mapping of keys, such as type and host.");
        foreach (var item in mapping.EnumerateObject())
        {
            var key = keyOf(item.Name)
                ?? throw new InvalidOperationException($"{source}: '{item.Name}' in '{option}' is not known to this version of ChargeBridge.");
            Add(values, $"{section}:{Pascal(key)}", item.Value);
        }
    }

    /// <summary>A list option of mappings, item i under <c>section:i</c>.</summary>
    private static void AddList(List<KeyValuePair<string, string?>> values, string option, string section, JsonElement list, string source,
        Func<string, string?> keyOf)
    {
        if (list.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException($"{source}: the add-on option '{option}' must be a list of mappings.");
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            AddMapping(values, $"{section}:{i}", $"{option}[{i}]", item, source, keyOf);
            i++;
        }
    }

    /// <summary>A loadpoint item's key as a path under the loadpoint: <c>charger_unit_id</c> → <c>Charger:unit_id</c>.</summary>
    private static string? LoadpointKey(string name)
    {
        if (LoadpointKeys.Contains(name)) return name;
        foreach (var (prefix, section) in LoadpointSections)
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length) return $"{section}:{name[prefix.Length..]}";
        return null;
    }

    /// <summary>snake_case → the PascalCase of configuration keys, per path segment (<c>unit_id</c> → <c>UnitId</c>).</summary>
    public static string Pascal(string key) =>
        string.Join(':', key.Split(':').Select(segment =>
            string.Concat(segment.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]))));

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
