using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Tests;

/// <summary>The configuration `run` and `check` validate before anything connects.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig:";
    private readonly string _folder = Directory.CreateTempSubdirectory("chargebridge-config-").FullName;

    private static IReadOnlyList<ConfigProblem> Validate(Dictionary<string, string?> settings, string? addOnOptions = null)
    {
        var configuration = new ConfigurationManager();
        return StartupValidation.Load(configuration, () =>
        {
            AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder, addOnOptions);
            configuration.AddInMemoryCollection(settings);
        }, _ => null, out _);
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["HomeAssistant:Token"] = "t", [V2G + "ChargerHost"] = "192.168.1.20",
    };

    [Fact]
    public void The_shipped_YAML_with_a_token_and_a_charger_address_is_valid() => Assert.Empty(Validate(Valid()));

    [Fact]
    public void Mqtt_a_named_broker_is_checked_with_the_rest_and_none_named_is_no_problem()
    {
        var settings = Valid();
        settings["Mqtt:Host"] = "core-mosquitto";
        settings["Mqtt:Port"] = "18830x";
        var problem = Assert.Single(Validate(settings));
        Assert.Equal("Mqtt", problem.Key);
        Assert.Contains("Mqtt:Port must be a whole number", problem.Fix);
        settings["Mqtt:Port"] = "1883";
        Assert.Empty(Validate(settings));
        Assert.Empty(Validate(Valid()));
    }

    [Fact]
    public void Every_problem_is_named_at_once_with_what_to_put_there()
    {
        var problems = Validate(new()
        {
            ["HomeAssistant:Port"] = "70000", ["HomeAssistant:Ssl"] = "yes",
            [V2G + "CalendarEntity"] = "car", [V2G + "Prices:Entity"] = "Prices", [V2G + "PracticalMaxSoc"] = "120",
            ["ChargeBridge.Apps.PowerMirror.PowerMirrorConfig:Source"] = "grid power",
        });
        Assert.Equal(
        [
            "HomeAssistant:Ssl", "HomeAssistant:Token", "HomeAssistant:Port",
            "ChargeBridge.Apps.PowerMirror.PowerMirrorConfig:Source",
            V2G + "ChargerHost", V2G + "CalendarEntity", V2G + "PracticalMaxSoc", V2G + "Prices:Entity",
        ], problems.Select(p => p.Key));
        Assert.Contains("put the Wallbox Quasar's IP address here (Modbus TCP enabled in the Wallbox app)",
            Assert.Single(problems, p => p.Key == V2G + "ChargerHost").Fix);
        Assert.Contains("such as calendar.car", Assert.Single(problems, p => p.Key == V2G + "CalendarEntity").Fix);
    }

    [Fact]
    public void Battery_wear_settings_that_make_no_sense_are_named_under_their_keys()
    {
        var problems = Validate(new(Valid())
        {
            [V2G + "Wear:Chemistry"] = "lead-acid", [V2G + "Wear:PackPriceEur"] = "-5", [V2G + "Wear:DepthPercent"] = "0",
        });
        Assert.Equal([V2G + "Wear:Chemistry", V2G + "Wear:PackPriceEur", V2G + "Wear:DepthPercent"], problems.Select(p => p.Key));
        Assert.Contains("lfp, nmc or nca", problems[0].Fix);
    }

    [Fact]
    public void An_unknown_key_or_a_value_of_the_wrong_type_is_named()
    {
        var unknown = Assert.Single(Validate(new(Valid()) { [V2G + "ChargerAdress"] = "192.168.1.20" }));
        Assert.Equal("ChargeBridge.Apps.V2G.V2GConfig", unknown.Key);
        Assert.Contains("'ChargerAdress'", unknown.Fix);

        var wrongType = Assert.Single(Validate(new(Valid()) { [V2G + "ChargerPort"] = "modbus" }));
        Assert.Contains("ChargerPort", wrongType.Fix);
    }

    [Fact]
    public void A_FlexMeasures_section_is_checked_only_when_present_and_never_echoes_the_password()
    {
        Assert.Empty(Validate(Valid()));
        var problems = Validate(new(Valid()) { [V2G + "FlexMeasures:Url"] = "seita.energy", [V2G + "FlexMeasures:Password"] = "pw-31d9c" });
        Assert.Equal(["Url", "Email", "PowerSensor", "ConsumptionPriceSensor", "ProductionPriceSensor", "SocSensor", "AvailabilitySensor"],
            problems.Select(p => p.Key.Replace(V2G + "FlexMeasures:", "")));
        Assert.DoesNotContain("pw-31d9c", string.Join("\n", problems));
    }

    [Fact]
    public void Add_on_options_set_the_keys_they_map_to_and_empty_options_leave_the_defaults()
    {
        var file = Path.Combine(_folder, "options.json");
        File.WriteAllText(file, """
            {"charger_host": "192.168.1.30", "charger_port": 1502, "calendar_entity": "calendar.family",
             "price_source": "NordPool", "price_entity": "sensor.nordpool", "practical_max_soc": 95,
             "notify_targets": ["mobile_app_pixel_8", "mobile_app_ipad"], "flexmeasures_url": "", "flexmeasures_password": ""}
            """);
        var configuration = new ConfigurationManager();
        AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder, file);
        var v2g = (ChargeBridge.Apps.V2G.V2GConfig)AppConfigBinder.Bind(configuration, typeof(ChargeBridge.Apps.V2G.V2GConfig));
        Assert.Equal(("192.168.1.30", 1502, "calendar.family", ChargeBridge.Apps.V2G.Prices.PriceSourceKind.NordPool, "sensor.nordpool", 95.0),
            (v2g.ChargerHost, v2g.ChargerPort, v2g.CalendarEntity, v2g.Prices.Source, v2g.Prices.Entity, v2g.PracticalMaxSoc));
        Assert.Equal(["mobile_app_pixel_8", "mobile_app_ipad"], v2g.NotifyTargets);
        Assert.Null(v2g.FlexMeasures);
        Assert.Empty(Validate(new() { ["HomeAssistant:Token"] = "t" }, file));
    }

    [Fact]
    public void An_unknown_add_on_option_or_a_missing_file_is_a_problem()
    {
        var file = Path.Combine(_folder, "options.json");
        File.WriteAllText(file, """{"charger_hostname": "192.168.1.30"}""");
        Assert.Contains("'charger_hostname' is not known", Assert.Single(Validate(Valid(), file)).Fix);
        Assert.Contains("no such file", Assert.Single(Validate(Valid(), Path.Combine(_folder, "absent.json"))).Fix);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
