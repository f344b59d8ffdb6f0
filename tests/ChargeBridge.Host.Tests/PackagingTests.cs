using System.Text.RegularExpressions;
using ChargeBridge.Host.Configuration;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ChargeBridge.Host.Tests;

/// <summary>The container image and the Home Assistant add-on as far as they can be checked without a Docker engine.</summary>
public sealed partial class PackagingTests : IDisposable
{
    private static readonly string AddOn = Path.Combine(RepoPaths.Root, "ha-addon", "chargebridge");
    private readonly string _folder = Directory.CreateTempSubdirectory("chargebridge-addon-").FullName;

    [Fact]
    public void The_Dockerfile_publishes_the_host_project_and_starts_the_assembly_it_builds()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var project = Regex.Match(dockerfile, @"dotnet publish (\S+)").Groups[1].Value;
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, project)), $"{project} does not exist");
        var assembly = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, project, "ChargeBridge.Host.csproj")), "<AssemblyName>(.+)</AssemblyName>").Groups[1].Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", dockerfile);
        Assert.Matches(@"(?m)^FROM .+ AS build$", dockerfile);
        Assert.Matches(@"(?m)^USER app$", dockerfile);
        Assert.Matches(@"(?m)^VOLUME /data$", dockerfile);
    }

    [Fact]
    public void The_add_on_Dockerfile_copies_only_files_that_exist_or_that_the_documented_publish_creates()
    {
        foreach (Match copy in CopyLine().Matches(File.ReadAllText(Path.Combine(AddOn, "Dockerfile"))))
        {
            var source = copy.Groups[1].Value;
            if (source == "app/")
                Assert.Contains("-o ha-addon/chargebridge/app", File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "user-guide.md")));
            else
                Assert.True(File.Exists(Path.Combine(AddOn, source)), $"the add-on Dockerfile copies {source}, which does not exist");
        }
        var build = Yaml(Path.Combine(AddOn, "build.yaml"));
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        var architectures = ((YamlSequenceNode)config["arch"]).Select(a => a.ToString());
        Assert.Equal(Keys(architectures), Keys(((YamlMappingNode)build["build_from"]).Children.Keys.Select(k => k.ToString())));
    }

    [Fact]
    public void The_add_on_config_has_a_schema_entry_for_every_option_and_maps_each_onto_a_key_the_host_reads()
    {
        var config = Yaml(Path.Combine(AddOn, "config.yaml"));
        Assert.Equal("true", config["homeassistant_api"].ToString());
        foreach (var field in new[] { "name", "version", "slug", "description" })
            Assert.False(string.IsNullOrWhiteSpace(config[field].ToString()), field);
        var options = ((YamlMappingNode)config["options"]).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());
        // A list option's schema is a sequence of its item type; "[str]" stands for it here.
        var schema = ((YamlMappingNode)config["schema"]).Children.ToDictionary(c => c.Key.ToString(),
            c => c.Value is YamlSequenceNode list ? $"[{list.Children[0]}]" : c.Value.ToString());

        Assert.Empty(options.Keys.Except(schema.Keys));
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

        (exit, output) = await RunScriptAsync(new() { ["CHARGEBRIDGE_OPTIONS"] = options });
        Assert.Equal(2, exit);
        Assert.Contains("SUPERVISOR_TOKEN is not set", output);
    }

    private static async Task<(int Exit, string Output)> RunScriptAsync(Dictionary<string, string?> environment)
    {
        environment["CHARGEBRIDGE_APP"] = HostProcess.HostDll;
        var (exit, output, error) = await HostProcess.RunAsync("bash", [Path.Combine(AddOn, "run.sh")], environment);
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
        var t when t.StartsWith("float") => double.Parse(option ?? "95", System.Globalization.CultureInfo.InvariantCulture),
        "url" => "https://flexmeasures.example/",
        "email" => "home@example.org",
        _ when option is { Length: > 0 } => option,
        "password" => "secret",
        _ => "192.168.1.20",
    };

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
