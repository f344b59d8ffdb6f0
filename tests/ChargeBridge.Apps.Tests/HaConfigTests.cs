using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Mqtt;
using ChargeBridge.Tests;
using YamlDotNet.RepresentationModel;

namespace ChargeBridge.Apps.Tests;

/// <summary>ha-config/: the package and the dashboard are valid YAML, and every entity they name is one the V2G app
/// publishes or creates, or one the package defines.</summary>
public class HaConfigTests
{
    private static string HaConfig(params string[] parts) => Path.Combine([RepoPaths.Root, "ha-config", .. parts]);
    private static YamlMappingNode Package => HaConfigReferences.Load(File.ReadAllText(HaConfig("packages", "chargebridge.yaml")), "package");
    private static YamlMappingNode Dashboard => HaConfigReferences.Load(File.ReadAllText(HaConfig("dashboards", "chargebridge.yaml")), "dashboard");

    /// <summary>What the app owns: its sensor constants (the loadpoint's, home power's and the site's) and its helpers.</summary>
    private static HashSet<string> AppEntities() =>
    [
        .. V2GEntities.Default.Sensors,
        .. V2GEntities.Default.HomePowerSensors,
        SiteLoop.GridPower, SiteLoop.PvPower, SiteLoop.BatteryPower, SiteLoop.HousePower, SiteLoop.Surplus,
        .. SiteModeSensors.All,
        TelemetrySensor.Entity,
        .. V2GEntities.Default.Helpers.Select(h => h.EntityId),
    ];

    private static YamlMappingNode MqttDashboard => HaConfigReferences.Load(File.ReadAllText(HaConfig("dashboards", "chargebridge-mqtt.yaml")), "MQTT dashboard");

    /// <summary>What the app publishes on the MQTT path: the same sensors, the controls as MQTT entities, the mode buttons.</summary>
    private static HashSet<string> MqttEntities() =>
    [
        .. AppEntities().Where(id => id.StartsWith("sensor.", StringComparison.Ordinal) || id.StartsWith("binary_sensor.", StringComparison.Ordinal)),
        .. V2GEntities.Default.Helpers.Select(h => V2GMqtt.Entity(h, HassModel.Mqtt.MqttEntityCategory.None)).Select(e => $"{e.Component}.{e.ObjectId}"),
        .. V2GMqtt.ModeButtons(V2GEntities.Default).Select(b => "button." + b.ObjectId),
    ];

    [Fact]
    public void The_mqtt_dashboard_references_only_mqtt_entities_and_is_the_rest_dashboard_with_the_controls_mapped()
    {
        var referenced = HaConfigReferences.Referenced(MqttDashboard);
        Assert.Empty(referenced.Where(id => !MqttEntities().Contains(id)).Order());
        // The documented mapping, applied to the REST dashboard's references, gives exactly the MQTT dashboard's.
        string Mapped(string id) => System.Text.RegularExpressions.Regex.Replace(id, "^(input_select|input_number|input_boolean|script)\\.",
            m => m.Groups[1].Value switch { "input_select" => "select.", "input_number" => "number.", "input_boolean" => "switch.", _ => "button." });
        Assert.Equal(HaConfigReferences.Referenced(Dashboard).Select(Mapped).Order(), referenced.Order());
    }

    private static IReadOnlyList<string> Unknown(YamlNode config) =>
        HaConfigReferences.Referenced(config).Where(id => !AppEntities().Contains(id) && !HaConfigReferences.Defined(Package).Contains(id))
            .Order().ToList();

    [Fact]
    public void Every_entity_the_package_and_the_dashboard_reference_is_published_by_the_app_or_defined_by_the_package()
    {
        Assert.Empty(Unknown(Package));
        Assert.Empty(Unknown(Dashboard));
        Assert.NotEmpty(HaConfigReferences.Referenced(Dashboard));
    }

    [Fact]
    public void The_package_keeps_exactly_the_chart_sensors_of_every_loadpoint_out_of_the_recorder()
    {
        var globs = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Package["recorder"])["exclude"])["entity_globs"])
            .Select(g => new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(g.ToString()).Replace(@"\*", ".*") + "$"))
            .ToList();
        bool Excluded(string id) => globs.Any(g => g.IsMatch(id));

        foreach (var entities in new[] { V2GEntities.Default, new V2GEntities(Core.Site.LoadpointName.Parse("garage", out _)!.Value) })
        {
            Assert.All(entities.ChartSensors, id => Assert.True(Excluded(id), $"{id} is recorded"));
            Assert.All(entities.Sensors.Except(entities.ChartSensors).Concat(entities.HomePowerSensors), id => Assert.False(Excluded(id), $"{id} is left out"));
        }
    }

    [Fact]
    public void A_misspelt_entity_id_is_reported()
    {
        var bad = HaConfigReferences.Load("""
            type: entities
            entities:
              - entity: sensor.chargebridge_soc
              - entity: sensor.chargebrige_soc
            card_mod:
              style: "{{ states('input_select.chargebridge_charge_mod') }}"
            """, "sample");
        Assert.Equal(["input_select.chargebridge_charge_mod", "sensor.chargebrige_soc"], Unknown(bad));
    }

    [Fact]
    public void Home_assistant_tags_parse_and_actions_are_not_taken_for_entities()
    {
        var config = HaConfigReferences.Load("""
            token: !secret chargebridge_token
            cards: !include cards.yaml
            sequence:
              - action: input_select.select_option
                target:
                  entity_id: input_select.chargebridge_charge_mode
              - perform_action: script.chargebridge_pause
            """, "sample");
        Assert.Equal(["input_select.chargebridge_charge_mode", "script.chargebridge_pause"], HaConfigReferences.Referenced(config).Order());
    }

    [Fact]
    public void The_dashboard_shows_the_chart_series_alerts_statistics_and_mode_buttons()
    {
        var referenced = HaConfigReferences.Referenced(Dashboard);
        string[] expected =
        [
            V2GEntities.Default.ChargerState, V2GEntities.Default.Soc, V2GEntities.NetPrice, V2GEntities.Default.PlannedPower, V2GEntities.Default.SocPrognosis,
            V2GEntities.Default.CalendarEvents, V2GEntities.Default.Alert, V2GEntities.Default.PowerDeviation, V2GEntities.Default.ChargedEnergy,
            V2GEntities.Default.DischargedEnergy, V2GEntities.Default.ChargedFromPv, V2GEntities.Default.ChargedFromGrid,
            V2GEntities.Default.DischargedToHouse, V2GEntities.Default.DischargedToGrid, V2GEntities.Default.ChargingCost, V2GEntities.Default.DischargeRevenue, V2GEntities.Default.Savings,
            V2GEntities.Default.ChargeMode.EntityId, V2GEntities.Default.HomePower, V2GEntities.Default.Phases, SiteLoop.Surplus,
            V2GEntities.Default.SolarInAutomatic.EntityId, V2GEntities.Default.HouseInAutomatic.EntityId,
        ];
        Assert.Empty(expected.Except(referenced));
        var scripts = HaConfigReferences.Defined(Package).Where(id => id.StartsWith("script.", StringComparison.Ordinal)).ToList();
        Assert.Equal(V2GEntities.ModeNames.Count, scripts.Count);
        Assert.Empty(scripts.Except(referenced));
        var text = File.ReadAllText(HaConfig("dashboards", "chargebridge.yaml"));
        foreach (var attribute in new[] { "prices", "schedule", "prognosis", "history", "events" })
            Assert.Contains($"entity.attributes.{attribute}", text);
        Assert.Contains($"state_attr('{V2GEntities.Default.Alert}', 'alerts')", text);
    }

    [Fact]
    public void The_package_helpers_have_the_ids_names_ranges_and_options_the_app_creates()
    {
        var package = Package;
        foreach (var helper in V2GEntities.Default.Helpers)
        {
            var objectId = helper.EntityId[(helper.Domain.Length + 1)..];
            var domain = Assert.IsType<YamlMappingNode>(package[helper.Domain]);
            var entry = Assert.IsType<YamlMappingNode>(domain[objectId]);
            Assert.Equal(helper.Name, Scalar(entry, "name"));
            // `initial` is left out on purpose (it would reset the user's value on every restart).
            Assert.False(entry.Children.ContainsKey("initial"), $"{helper.EntityId} sets initial");
            foreach (var (field, value) in helper.Fields.Where(f => f.Key != "initial"))
            {
                switch (value)
                {
                    case IReadOnlyList<string> options:
                        Assert.Equal(options, Assert.IsType<YamlSequenceNode>(entry[field]).Children.Select(o => ((YamlScalarNode)o).Value));
                        break;
                    case double number:
                        Assert.Equal(number, double.Parse(Scalar(entry, field)!, CultureInfo.InvariantCulture));
                        break;
                    default:
                        Assert.Equal(value?.ToString(), Scalar(entry, field));
                        break;
                }
            }
        }
    }

    [Fact]
    public void Each_mode_script_selects_an_option_the_mode_select_has()
    {
        var scripts = Assert.IsType<YamlMappingNode>(Package["script"]);
        var options = scripts.Children.Values.OfType<YamlMappingNode>()
            .SelectMany(s => ((YamlSequenceNode)s["sequence"]).Children.OfType<YamlMappingNode>())
            .Select(step => Scalar((YamlMappingNode)step["data"], "option"))
            .ToList();
        Assert.Equal(V2GEntities.ModeNames.Values.Order(), options.Order());
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}
