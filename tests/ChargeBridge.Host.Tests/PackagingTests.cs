using System.Text.RegularExpressions;
using ChargeBridge.Host.Configuration;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ChargeBridge.Host.Tests;

/// <summary>The container image and the Home Assistant add-on as far as they can be checked without a Docker engine.</summary>
public sealed partial class PackagingTests : IDisposable
{
    /// <summary>The repository is the add-on's folder: the supervisor builds the image from its root.</summary>
    private static readonly string AddOn = RepoPaths.Root;
    private readonly string _folder = Directory.CreateTempSubdirectory("chargebridge-addon-").FullName;

    [Fact]
    public void The_Dockerfile_builds_the_host_from_source_and_its_entry_script_starts_the_assembly_it_publishes()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var project = Regex.Match(dockerfile, @"dotnet publish (\S+) .*-o (\S+)");
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, project.Groups[1].Value)), $"{project.Groups[1].Value} does not exist");
        var assembly = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, project.Groups[1].Value, "ChargeBridge.Host.csproj")),
            "<AssemblyName>(.+)</AssemblyName>").Groups[1].Value;
        var entry = File.ReadAllText(Path.Combine(RepoPaths.Root, "ha-addon", "run.sh"));
        Assert.Contains($"{project.Groups[2].Value}/{assembly}.dll", entry);

        // Multi-stage from source: the build stage copies the repository, the image only what it published.
        Assert.Matches(@"(?m)^FROM \S+/dotnet/sdk:\S+ AS build$", dockerfile);
        Assert.Matches(@"(?m)^COPY \. \.$", dockerfile);
        Assert.Matches(@"(?m)^COPY --from=build ", dockerfile);
        // HA's builder passes BUILD_FROM: declared before the first FROM, or the final stage's base is blank.
        Assert.True(dockerfile.IndexOf("ARG BUILD_FROM", StringComparison.Ordinal) < dockerfile.IndexOf("\nFROM ", StringComparison.Ordinal));
        Assert.Matches(@"(?m)^FROM \$\{BUILD_FROM\}$", dockerfile);
        Assert.Matches(@"(?m)^ARG RUN_AS=app$", dockerfile);
        Assert.Matches(@"(?m)^USER \$\{RUN_AS\}$", dockerfile);
        Assert.Matches(@"(?m)^VOLUME /data$", dockerfile);
        Assert.Contains("ENTRYPOINT [\"/run.sh\"]", dockerfile);
        foreach (Match copy in CopyLine().Matches(dockerfile))
            if (copy.Groups[1].Value != ".")
                Assert.True(File.Exists(Path.Combine(RepoPaths.Root, copy.Groups[1].Value)), $"the Dockerfile copies {copy.Groups[1].Value}, which does not exist");
        // No binary of the host is kept in the repository for the image.
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Root, "ha-addon", "chargebridge", "app")));
    }

    [Fact]
    public void The_repository_is_an_add_on_repository_with_one_add_on_built_by_its_build_yaml()
    {
        var repository = Yaml(Path.Combine(RepoPaths.Root, "repository.yaml"));
        Assert.False(string.IsNullOrWhiteSpace(repository["name"].ToString()));
        // The store takes every config.* outside dot-folders for an add-on: only ours may be there.
        var configs = Directory.EnumerateFiles(RepoPaths.Root, "config.*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part is "bin" or "obj" or "node_modules" or "rootfs"));
        Assert.Equal(["config.yaml"], configs);

        var build = Yaml(Path.Combine(AddOn, "build.yaml"));
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        Assert.False(config.Children.ContainsKey("image"), "a local build: no published image named");
        var architectures = ((YamlSequenceNode)config["arch"]).Select(a => a.ToString());
        Assert.Equal(Keys(architectures), Keys(((YamlMappingNode)build["build_from"]).Children.Keys.Select(k => k.ToString())));
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        foreach (var arg in ((YamlMappingNode)build["args"]).Children.Keys)
            Assert.Matches($@"(?m)^ARG {arg}(=|$)", dockerfile);
    }

    /// <summary>
    /// config.yaml against the add-on configuration rules of HA's developer documentation: the required keys, the
    /// slug's characters, the known architectures, startup and boot values, and every schema entry in HA's type
    /// grammar (str, bool, int/float with an optional range, email, url, password, port, match(…), list(a|b…),
    /// device(…), "?" for optional), nested at most as a mapping or a list of mappings.
    /// </summary>
    [Fact]
    public void The_add_on_config_follows_the_documented_add_on_rules()
    {
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        foreach (var key in new[] { "name", "version", "slug", "description", "arch" }) Assert.True(config.Children.ContainsKey(key), key);
        Assert.Matches("^[a-z0-9_]+$", config["slug"].ToString());
        Assert.All((YamlSequenceNode)config["arch"], a => Assert.Contains(a.ToString(), new[] { "armhf", "armv7", "aarch64", "amd64", "i386" }));
        Assert.Contains(config["startup"].ToString(), new[] { "initialize", "system", "services", "application", "once" });
        Assert.Contains(config["boot"].ToString(), new[] { "auto", "manual", "manual_only" });
        var type = new Regex(@"^(str|bool|email|url|password|port|match\(.+\)|list\([^|()]+(\|[^|()]+)*\)|device(\(.*\))?|int(\(-?\d*,-?\d*\))?|float(\(-?[\d.]*,-?[\d.]*\))?)\??$");
        void Leaf(YamlNode node) => Assert.Matches(type, (node is YamlSequenceNode list ? Assert.Single(list.Children) : node).ToString());
        foreach (var (_, value) in ((YamlMappingNode)config["schema"]).Children)
        {
            var entry = value is YamlSequenceNode { Children: [YamlMappingNode item] } ? item : value as YamlMappingNode;
            if (entry is null) Leaf(value);
            else foreach (var (_, fieldType) in entry.Children) Leaf(fieldType);
        }
    }

    [Fact]
    public void Every_add_on_option_and_field_has_a_name_and_a_description_in_the_english_translation()
    {
        var schema = (YamlMappingNode)Yaml(Path.Combine(AddOn, "config.yaml"))["schema"];
        var translated = (YamlMappingNode)Yaml(Path.Combine(AddOn, "translations", "en.yaml"))["configuration"];
        Assert.Equal(Keys(schema.Children.Keys.Select(k => k.ToString())), Keys(translated.Children.Keys.Select(k => k.ToString())));
        foreach (var (key, value) in schema.Children)
        {
            var entry = (YamlMappingNode)translated[key];
            Assert.False(string.IsNullOrWhiteSpace(entry["name"].ToString()), $"{key}: name");
            Assert.False(string.IsNullOrWhiteSpace(entry["description"].ToString()), $"{key}: description");
            var fields = value is YamlSequenceNode { Children: [YamlMappingNode item] } ? item : value as YamlMappingNode;
            if (fields is null) continue;
            var names = (YamlMappingNode)entry["fields"];
            Assert.Equal(Keys(fields.Children.Keys.Select(k => k.ToString())), Keys(names.Children.Keys.Select(k => k.ToString())));
            Assert.All(names.Children.Values, f => Assert.False(string.IsNullOrWhiteSpace(((YamlMappingNode)f)["description"].ToString())));
        }
    }

    [Fact]
    public async Task The_add_on_apparmor_profile_is_named_after_the_slug_and_parses()
    {
        var slug = Yaml(Path.Combine(AddOn, "config.yaml"))["slug"].ToString();
        var profile = Path.Combine(AddOn, "apparmor.txt");
        Assert.Matches($@"(?m)^profile {slug} flags=", File.ReadAllText(profile));

        // Debian's apparmor_parser compiles it without loading it into a kernel (-Q -K): a syntax error fails.
        var parser = new[] { "/sbin/apparmor_parser", "/usr/sbin/apparmor_parser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("apparmor_parser is missing: test.sh installs Debian's apparmor");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(parser, ["-Q", "-K", profile])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void The_add_on_has_its_store_images_and_a_changelog_entry_for_its_version()
    {
        var icon = PngImage.Read(File.ReadAllBytes(Path.Combine(AddOn, "icon.png")));
        var logo = PngImage.Read(File.ReadAllBytes(Path.Combine(AddOn, "logo.png")));
        Assert.Equal((128, 128), (icon.Width, icon.Height));
        Assert.Equal((250, 100), (logo.Width, logo.Height));
        Assert.True(icon.Pixels.Distinct().Count() > 2, "the icon is not blank");

        var version = Yaml(Path.Combine(AddOn, "config.yaml"))["version"].ToString();
        Assert.Matches($@"(?m)^## {Regex.Escape(version)}$", File.ReadAllText(Path.Combine(AddOn, "CHANGELOG.md")));
    }

    [Fact]
    public void The_add_on_watchdog_checks_the_health_endpoint_on_the_port_run_sh_gives_the_host()
    {
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        var watchdog = Regex.Match(config["watchdog"].ToString(), @"^http://\[HOST\]:\[PORT:(\d+)\]/health$");
        var runScript = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "ha-addon", "run.sh")), @"Health__Port=\$\{CHARGEBRIDGE_HEALTH_PORT:-(\d+)\}");

        Assert.True(watchdog.Success, "watchdog: http://[HOST]:[PORT:n]/health");
        Assert.True(runScript.Success, "run.sh sets Health__Port");
        Assert.Equal(watchdog.Groups[1].Value, runScript.Groups[1].Value);
        // The documented stages of an add-on.
        Assert.Contains(config["stage"].ToString(), new[] { "stable", "experimental", "deprecated" });
    }

    [Fact]
    public void The_add_on_config_has_a_schema_entry_for_every_option_and_maps_each_onto_a_key_the_host_reads()
    {
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        Assert.Equal("true", config["homeassistant_api"].ToString());
        // The Supervisor's MQTT broker, wanted (not needed): without the Mosquitto add-on the REST path runs.
        Assert.Equal(["mqtt:want"], ((YamlSequenceNode)config["services"]).Select(s => s.ToString()));
        foreach (var field in new[] { "name", "version", "slug", "description" })
            Assert.False(string.IsNullOrWhiteSpace(config[field].ToString()), field);
        var options = ((YamlMappingNode)config["options"]).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());
        var all = ((YamlMappingNode)config["schema"]).Children.ToDictionary(c => c.Key.ToString(), c => c.Value);
        // A list option's schema is a sequence of its item type; "[str]" stands for it here. Device mappings and the
        // loadpoints have their own test.
        var schema = all.Where(c => !IsMapping(c.Value)).ToDictionary(c => c.Key,
            c => c.Value is YamlSequenceNode list ? $"[{list.Children[0]}]" : c.Value.ToString());
        Assert.Equal(Keys(all.Keys.Except(schema.Keys)), Keys([.. AddOnOptions.Devices.Keys, AddOnOptions.Loadpoints, AddOnOptions.TimeOfUseWindows]));

        Assert.Empty(options.Keys.Except(all.Keys));
        // HA's rule: a schema entry without an option value must be optional ("?").
        Assert.Empty(schema.Where(s => !options.ContainsKey(s.Key) && !s.Value.EndsWith('?')).Select(s => s.Key));
        Assert.Equal(Keys(schema.Keys), Keys(AddOnOptions.Keys.Keys));

        // Every option set to a plausible value reaches its key, and the host binds it without an unknown-key problem.
        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, type) in schema) json[name] = Sample(type, options.GetValueOrDefault(name));
        var file = Path.Combine(_folder, "options.json");
        File.WriteAllText(file, json.ToJsonString());
        var configuration = new ConfigurationManager();
        var problems = StartupValidation.Load(configuration,
            () => AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder, file), _ => "supervisor-token", out _);
        Assert.Empty(problems);
        foreach (var (name, key) in AddOnOptions.Keys)
        {
            if (json[name] is System.Text.Json.Nodes.JsonArray list)
                Assert.Equal(list.Select(item => item!.ToString()), configuration.GetSection(key).GetChildren().Select(c => c.Value));
            else
                Assert.Equal(json[name]!.ToString(), configuration[key]);
        }
    }

    [Fact]
    public void The_add_on_site_options_reach_the_loadpoints_and_meters_and_every_loadpoint_key_has_a_place()
    {
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        var schema = (YamlMappingNode)config["schema"];
        var item = (YamlMappingNode)((YamlSequenceNode)schema[AddOnOptions.Loadpoints]).Children[0];
        foreach (var key in item.Children.Keys.Select(k => k.ToString()))
            Assert.True(AddOnOptions.LoadpointKeys.Contains(key) || AddOnOptions.LoadpointSections.Keys.Any(p => key.StartsWith(p, StringComparison.Ordinal)), key);
        foreach (var device in AddOnOptions.Devices.Keys)
            Assert.All(((YamlMappingNode)schema[device]).Children.Values, v => Assert.EndsWith("?", v.ToString()));

        var file = Path.Combine(_folder, "options.json");
        File.WriteAllText(file, """
            {"calendar_entity": "calendar.car", "price_entity": "sensor.p", "practical_max_soc": 97, "grid_import_limit_w": 17250,
             "control_pace_s": 2, "house_battery_soc_entity": "sensor.battery_soc", "grid_limit_margin_w": 400, "learned_departures": false,
             "forecast_house_statistics": ["sensor.grid_import_energy", "-sensor.grid_export_energy"], "forecast_pv_statistic": "sensor.pv_energy",
             "forecast_solar_today": "sensor.energy_production_today", "forecast_history_days": 21,
             "grid_meter": {}, "pv_meter": {}, "battery_meter": {},
             "loadpoints": [
               {"name": "garage", "calendar_entity": "calendar.leaf", "charger_type": "quasar", "charger_host": "192.168.1.30", "charger_unit_id": 1,
                "flexmeasures_url": "https://flexmeasures.example/", "flexmeasures_email": "home@example.org", "flexmeasures_password": "secret",
                "flexmeasures_power_sensor": 1, "flexmeasures_consumption_price_sensor": 2, "flexmeasures_production_price_sensor": 2,
                "flexmeasures_soc_sensor": 3, "flexmeasures_availability_sensor": 4},
               {"name": "driveway", "priority": 2, "charger_type": "quasar", "charger_host": "192.168.1.31", "charger_max_charge_power_w": 3700}]}
            """);
        var configuration = new ConfigurationManager();
        var problems = StartupValidation.Load(configuration,
            () => AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder, file), _ => "supervisor-token", out _);
        Assert.Empty(problems);
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        Assert.Equal("17250", configuration[v2g + "Grid:ImportLimitW"]);
        Assert.Equal("garage", configuration[v2g + "Loadpoints:0:Name"]);
        Assert.Equal("calendar.leaf", configuration[v2g + "Loadpoints:0:CalendarEntity"]);
        Assert.Equal("1", configuration[v2g + "Loadpoints:0:Charger:UnitId"]);
        Assert.Equal("2", configuration[v2g + "Loadpoints:0:FlexMeasures:ConsumptionPriceSensor"]);
        Assert.Equal("192.168.1.31", configuration[v2g + "Loadpoints:1:Charger:Host"]);
        Assert.Equal("3700", configuration[v2g + "Loadpoints:1:Charger:MaxChargePowerW"]);
        Assert.Equal("2", configuration[v2g + "Loadpoints:1:Priority"]);
        Assert.Equal(("2", "sensor.battery_soc", "400"), (configuration[v2g + "HomePower:PaceSeconds"], configuration[v2g + "HomePower:BatterySocEntity"],
            configuration[v2g + "HomePower:GridLimitMarginW"]));
        Assert.Equal("false", configuration[v2g + "LearnedDepartures"]);
        Assert.Equal(("sensor.grid_import_energy", "-sensor.grid_export_energy", "sensor.pv_energy", "sensor.energy_production_today", "21"),
            (configuration[v2g + "Forecast:HouseStatistics:0"], configuration[v2g + "Forecast:HouseStatistics:1"], configuration[v2g + "Forecast:PvStatistic"],
             configuration[v2g + "Forecast:SolarForecastToday"], configuration[v2g + "Forecast:HistoryDays"]));
        Assert.Empty(configuration.GetSection(v2g + "Grid:Meter").GetChildren());

        // A loadpoint's own key misspelt is refused at once; a charger key misspelt is the charger type's to refuse.
        File.WriteAllText(file, """{"loadpoints": [{"nmae": "garage"}]}""");
        var error = Assert.Throws<InvalidOperationException>(() => AddOnOptions.Read(File.ReadAllText(file), file).ToList());
        Assert.Contains("'nmae' in 'loadpoints[0]'", error.Message);
        File.WriteAllText(file, """{"price_entity": "sensor.p", "loadpoints": [{"name": "garage", "charger_type": "quasar", "charger_hots": "192.168.1.30"}]}""");
        configuration = new ConfigurationManager();
        problems = StartupValidation.Load(configuration,
            () => AppHost.Configure(configuration, null, AppHost.DefaultAppsConfigFolder, file), _ => "supervisor-token", out _);
        Assert.Contains(problems, p => p.Key.EndsWith("Loadpoints:0:Charger:Hots", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key.EndsWith("Loadpoints:0:Charger:Host", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_charger_key_of_a_loadpoint_is_a_key_one_of_the_charger_types_it_offers_reads()
    {
        var schema = (YamlMappingNode)Yaml(Path.Combine(AddOn, "config.yaml"))["schema"];
        var item = (YamlMappingNode)((YamlSequenceNode)schema[AddOnOptions.Loadpoints]).Children[0];
        var types = Regex.Match(item["charger_type"].ToString(), @"^list\((.+)\)\?$").Groups[1].Value.Split('|');
        var keys = item.Children.Keys.Select(k => k.ToString()).Where(k => k.StartsWith("charger_", StringComparison.Ordinal) && k != "charger_type").ToList();
        Assert.Contains("charger_phases_entity", keys);
        foreach (var name in keys)
        {
            var json = $$"""{"loadpoints": [{"name": "garage", "{{name}}": "x"}]}""";
            var (key, _) = Assert.Single(AddOnOptions.Read(json, "options.json"), v => v.Key.Contains(":Charger:", StringComparison.Ordinal));
            var chargerKey = key[(key.LastIndexOf(':') + 1)..];
            var readBy = types.Where(type => !ChargeBridge.Devices.Registry.DeviceRegistry.Default
                .Validate(new ChargeBridge.Devices.Registry.DeviceSpec(type, [new(chargerKey, "x")]), ChargeBridge.Devices.Registry.DeviceKind.Charger)
                .Any(p => p.Key == chargerKey && p.Fix.StartsWith("is not a key", StringComparison.Ordinal)));
            Assert.True(readBy.Any(), $"{name} ({chargerKey}) is read by none of {string.Join(", ", types)}");
        }
        Assert.Equal("ChargeBridge.Apps.V2G.V2GConfig:Loadpoints:0:Charger:PhasesEntity",
            AddOnOptions.Read("""{"loadpoints": [{"charger_phases_entity": "select.goe_psm"}]}""", "options.json").Single().Key);
    }

    [Fact]
    public void The_add_on_time_of_use_windows_and_export_options_reach_the_prices_and_a_bad_window_is_refused_by_its_key()
    {
        var file = Path.Combine(_folder, "options.json");
        const string v2g = "ChargeBridge.Apps.V2G.V2GConfig:";
        IReadOnlyList<HassModel.Runtime.ConfigProblem> Load(string json, out ConfigurationManager configuration)
        {
            File.WriteAllText(file, json);
            var loaded = configuration = new ConfigurationManager();
            return StartupValidation.Load(loaded, () => AppHost.Configure(loaded, null, AppHost.DefaultAppsConfigFolder, file), _ => "supervisor-token", out _);
        }
        const string flux = """
            {"charger_host": "192.168.1.30", "price_import": "TimeOfUse", "tou_default_price": 0.25, "price_export": "Entity",
             "export_source": "Octopus", "export_entity": "event.octopus_energy_electricity_21e5000001_1900000000002_current_day_rates",
             "tou_windows": [{"start": "02:00", "end": "05:00", "price": 0.15}, {"start": "16:00", "end": "19:00", "price": 0.35}]}
            """;

        Assert.Empty(Load(flux, out var configuration));
        Assert.Equal(("TimeOfUse", "0.25", "Entity", "Octopus"), (configuration[v2g + "Prices:Import"], configuration[v2g + "Prices:TimeOfUse:DefaultPrice"],
            configuration[v2g + "Prices:Export"], configuration[v2g + "Prices:ExportSource"]));
        Assert.Equal(("16:00", "19:00", "0.35"), (configuration[v2g + "Prices:TimeOfUse:Windows:1:Start"], configuration[v2g + "Prices:TimeOfUse:Windows:1:End"],
            configuration[v2g + "Prices:TimeOfUse:Windows:1:Price"]));

        var problem = Assert.Single(Load(flux.Replace("\"16:00\"", "\"04:00\"", StringComparison.Ordinal), out _));
        Assert.Equal(v2g + "Prices:TimeOfUse:Windows:1", problem.Key);
        Assert.Contains("overlaps Windows:0 (02:00–05:00) at 04:00", problem.Fix);
        var error = Assert.Throws<InvalidOperationException>(() => AddOnOptions.Read("""{"tou_windows": [{"begin": "02:00"}]}""", file).ToList());
        Assert.Contains("'begin' in 'tou_windows[0]'", error.Message);
    }

    [Fact]
    public async Task The_add_on_run_script_starts_the_host_with_the_options_and_never_prints_the_supervisor_token()
    {
        const string token = "supervisor-token-9d41";
        var options = Path.Combine(_folder, "options.json");
        File.WriteAllText(options, """{"charger_host": "", "charger_port": 502, "calendar_entity": "calendar.car", "price_entity": "sensor.p", "practical_max_soc": 97}""");
        var (exit, output) = await RunScriptAsync(new() { ["SUPERVISOR_TOKEN"] = token, ["CHARGEBRIDGE_OPTIONS"] = options });
        Assert.True(exit == 2, output);
        Assert.Contains("ChargeBridge.Apps.V2G.V2GConfig:ChargerHost is empty", output);
        Assert.DoesNotContain("HomeAssistant:Token", output);
        Assert.DoesNotContain(token, output);

        // As a plain container (no supervisor) the script runs the host with the command's arguments.
        (exit, output) = await RunScriptAsync(new() { ["CHARGEBRIDGE_OPTIONS"] = options }, "plan", "--help");
        Assert.True(exit == 0, output);
        Assert.Contains("--prices", output);
    }

    private static async Task<(int Exit, string Output)> RunScriptAsync(Dictionary<string, string?> environment, params string[] arguments)
    {
        environment["CHARGEBRIDGE_APP"] = HostProcess.HostDll;
        var (exit, output, error) = await HostProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "ha-addon", "run.sh"), .. arguments], environment);
        return (exit, output + error);
    }

    /// <summary>A value HA's schema type accepts (the option's default when it has one).</summary>
    private static System.Text.Json.Nodes.JsonNode Sample(string type, string? option) => type.TrimEnd('?') switch
    {
        "port" => int.Parse(option ?? "1502"),
        "[str]" => new System.Text.Json.Nodes.JsonArray("mobile_app_pixel_8", "mobile_app_ipad"),
        var t when t.StartsWith("[match(") => new System.Text.Json.Nodes.JsonArray("sensor.rates_next_day"),
        var t when t.StartsWith("match(") && option is not { Length: > 0 } => "sensor.car_soc",
        var t when t.StartsWith("int") => 7,
        var t when t.StartsWith("float") => option is null ? WithinRange(t, 95) : double.Parse(option, System.Globalization.CultureInfo.InvariantCulture),
        var t when t.StartsWith("list(") && option is not { Length: > 0 } => t["list(".Length..].Split('|')[0],
        "url" => "https://flexmeasures.example/",
        "email" => "home@example.org",
        _ when option is { Length: > 0 } => option,
        "password" => "secret",
        _ => "192.168.1.20",
    };

    /// <summary><paramref name="value"/> clamped to a schema type's range, e.g. float(-30,60).</summary>
    private static double WithinRange(string type, double value)
    {
        if (!type.Contains('(')) return value;
        var bounds = type[(type.IndexOf('(') + 1)..type.IndexOf(')')].Split(',');
        double? Bound(int i) => bounds.Length > i && bounds[i].Length > 0 ? double.Parse(bounds[i], System.Globalization.CultureInfo.InvariantCulture) : null;
        return Math.Min(Math.Max(value, Bound(0) ?? value), Bound(1) ?? value);
    }

    private static bool IsMapping(YamlNode node) => node is YamlMappingNode || node is YamlSequenceNode { Children: [YamlMappingNode] };

    private static string[] Keys(IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal).ToArray();

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"(?m)^COPY (?!--from)(\S+) ")]
    private static partial Regex CopyLine();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
