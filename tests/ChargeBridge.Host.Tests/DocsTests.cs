using System.Reflection;
using System.Text.RegularExpressions;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Tests;

namespace ChargeBridge.Host.Tests;

/// <summary>
/// The documentation names only what exists: the host's verbs in its `dotnet run` commands, files (and headings) in
/// its relative links, and properties of V2GConfig in its configuration keys. Each rule is also shown failing on a
/// bad sample, so a check that silently matches nothing cannot pass.
/// </summary>
public sealed partial class DocsTests
{
    /// <summary>README.md and docs/*.md, as the docs test covers them, plus the READMEs and add-on docs that name keys.</summary>
    public static TheoryData<string> Documents()
    {
        var files = new[] { "README.md", "apps/V2G/README.md", "ha-config/README.md", "DOCS.md" }
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Root, f)))
            .Select(f => f.Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var file in files) data.Add(file);
        return data;
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(RepoPaths.Root, relative));

    [Fact]
    public void The_user_guide_s_site_example_is_a_configuration_the_host_accepts()
    {
        var guide = Read("docs/user-guide.md");
        var section = guide[guide.IndexOf("### A site", StringComparison.Ordinal)..];
        var yaml = Regex.Match(section, "```yaml\n(?<body>.*?)```", RegexOptions.Singleline).Groups["body"].Value;
        Assert.Contains("Loadpoints:", yaml);
        var folder = Directory.CreateTempSubdirectory("chargebridge-docs-site-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "v2g.yaml"), yaml);
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
            var problems = Configuration.StartupValidation.Load(configuration, () => AppHost.Configure(configuration, null, folder.FullName),
                _ => "supervisor-token", out _);
            Assert.Empty(problems);
            Assert.Equal("ha-entities", configuration["ChargeBridge.Apps.V2G.V2GConfig:Loadpoints:1:Charger:Type"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_registered_device_type_has_a_row_in_the_devices_page_and_its_docs_exist()
    {
        var page = Read("docs/devices.md");
        var types = Devices.Registry.DeviceRegistry.Default.ChargerTypes.Select(t => t.Name).Concat(Devices.Registry.DeviceRegistry.Default.MeterTypes.Select(t => t.Name));
        foreach (var type in types)
            Assert.Matches($@"(?m)^\| `{Regex.Escape(type)}` \|.*\]\((?<doc>[^)#]+)", page);
        Assert.Empty(DocChecks.BrokenLinks(page, Path.Combine(RepoPaths.Root, "docs")));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_dotnet_run_of_the_host_names_a_verb_the_host_has(string document)
    {
        var problems = DocChecks.UnknownVerbs(Read(document), VerbCatalog.All().ToList());
        Assert.True(problems.Count == 0, $"{document}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_points_at_a_file_and_heading_that_exist(string document)
    {
        var problems = DocChecks.BrokenLinks(Read(document), Path.GetDirectoryName(Path.Combine(RepoPaths.Root, document))!);
        Assert.True(problems.Count == 0, $"{document}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_V2G_configuration_key_is_a_property_path_of_V2GConfig(string document)
    {
        var problems = DocChecks.UnknownV2GKeys(Read(document));
        Assert.True(problems.Count == 0, $"{document}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_documents_hold_what_the_checks_look_for()
    {
        var all = string.Concat(((IEnumerable<object[]>)Documents()).Select(row => Read((string)row[0])));
        Assert.True(DocChecks.HostRuns().Matches(all).Count >= 5, "the docs show fewer than 5 dotnet run commands of the host");
        Assert.True(DocChecks.V2GKeys().Matches(all).Count >= 20, "the docs name fewer than 20 V2GConfig keys");
        Assert.True(DocChecks.Links().Matches(all).Count >= 10, "the docs hold fewer than 10 links");
    }

    [Fact]
    public void A_verb_the_host_does_not_have_is_found_and_so_is_a_wrong_subcommand()
    {
        const string sample = """
            ```bash
            dotnet run --project src/ChargeBridge.Host -- demo
            dotnet run --project src/ChargeBridge.Host -- --help
            dotnet run --project src/ChargeBridge.Host -- charger status --host 192.0.2.1
            dotnet run --project src/ChargeBridge.Host -- validate --config my-home.json
            dotnet run --project src/ChargeBridge.Host -- charger reboot --host 192.0.2.1
            ```
            """;
        var problems = DocChecks.UnknownVerbs(sample, VerbCatalog.All().ToList());
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'validate'"));
        Assert.Contains(problems, p => p.Contains("'charger reboot'"));
    }

    [Fact]
    public void A_link_to_a_missing_file_or_heading_is_found_while_web_links_and_code_are_left_alone()
    {
        var docs = Path.Combine(RepoPaths.Root, "docs");
        const string sample = """
            See [the guide](user-guide.md), [install](user-guide.md#install), [top](#a-heading) and [web](https://example.org/x.md).
            Broken: [gone](no-such-file.md), [bad anchor](user-guide.md#no-such-heading), [local](#missing-here).
            ## A heading
            ```js
            const x = [a](b);
            ```
            Math: `V[N](s) = 0` and `V[k](s) +
            V[k+1](s)`.
            """;
        var problems = DocChecks.BrokenLinks(sample, docs);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("no-such-file.md"));
        Assert.Contains(problems, p => p.Contains("#no-such-heading"));
        Assert.Contains(problems, p => p.Contains("#missing-here"));
    }

    [Fact]
    public void A_key_V2GConfig_does_not_have_is_found_in_every_spelling()
    {
        const string sample = """
            | `ChargeBridge.Apps.V2G.V2GConfig:ChargerHost` | `…V2GConfig:Prices:Source` | `…V2GConfig:FlexMeasures:Password` |
            | `…V2GConfig:NotifyTargets:0` | `ChargeBridge.Apps.V2G.V2GConfig__DataFolder` |
            Old: `…V2GConfig:PriceEntity`, `ChargeBridge.Apps.V2G.V2GConfig:Prices:Unit`, `V2GConfig:FlexMeasures:Token`,
            `ChargeBridge.Apps.V2G.V2GConfig__SocSensor`.
            """;
        var problems = DocChecks.UnknownV2GKeys(sample);
        Assert.Equal(["PriceEntity", "Prices:Unit", "FlexMeasures:Token", "SocSensor"], problems.Select(p => p.Split('\'')[1]));
    }

    [Fact]
    public void Headings_become_the_anchors_GitHub_makes()
    {
        Assert.Equal("troubleshooting-the-quasar", DocChecks.Anchor("Troubleshooting the Quasar"));
        Assert.Equal("prices-and-the-net-price", DocChecks.Anchor("Prices and the net price"));
        Assert.Equal("check-your-setup-check", DocChecks.Anchor("Check your setup (`check`)"));
        Assert.Equal("install-as-a-home-assistant-add-on", DocChecks.Anchor("Install as a Home Assistant add-on"));
    }
}

/// <summary>The rules the docs test applies to one Markdown text; each returns the problems it finds.</summary>
internal static partial class DocChecks
{
    [GeneratedRegex(@"dotnet run (?:-c \w+ )?--project src/ChargeBridge\.Host -- (?<args>[^\r\n`|]*)")]
    public static partial Regex HostRuns();

    /// <summary>A key as a path (`…V2GConfig:Prices:Source`) or as an environment variable (`…V2GConfig__DataFolder`).</summary>
    [GeneratedRegex(@"\bV2GConfig(?<sep>:|__)(?<path>[A-Za-z0-9]+(?:(?:\k<sep>)[A-Za-z0-9]+)*)")]
    public static partial Regex V2GKeys();

    [GeneratedRegex(@"(?<!!)\[[^\]\r\n]*\]\((?<target>[^)\s]+)\)")]
    public static partial Regex Links();

    [GeneratedRegex(@"(?ms)^\s*```.*?^\s*```")]
    private static partial Regex CodeBlocks();

    /// <summary>Inline code spans, where brackets are code (`V[N](s)`), not links; a span may wrap but not cross a blank line.</summary>
    [GeneratedRegex(@"`(?:[^`\n]|\n(?![ \t]*\r?\n))*`")]
    private static partial Regex CodeSpans();

    [GeneratedRegex(@"(?m)^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Headings();

    public static List<string> UnknownVerbs(string markdown, IReadOnlyList<System.CommandLine.Command> verbs)
    {
        var problems = new List<string>();
        foreach (Match run in HostRuns().Matches(markdown))
        {
            var words = run.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('-')) continue; // --help and other root options
            if (verbs.FirstOrDefault(v => v.Name == words[0]) is not { } verb)
            {
                problems.Add($"'{words[0]}' is not a verb of the host ({string.Join(", ", verbs.Select(v => v.Name))}): {run.Value.Trim()}");
                continue;
            }
            if (verb.Subcommands.Count > 0 && words.Length > 1 && !words[1].StartsWith('-') && verb.Subcommands.All(s => s.Name != words[1]))
                problems.Add($"'{words[0]} {words[1]}' is not a command of the host ({string.Join(", ", verb.Subcommands.Select(s => s.Name))}): {run.Value.Trim()}");
        }
        return problems;
    }

    /// <summary>Links outside code blocks to anything but the web: the file must exist, and an anchor must be a heading of it.</summary>
    public static List<string> BrokenLinks(string markdown, string folder)
    {
        var problems = new List<string>();
        foreach (Match link in Links().Matches(CodeSpans().Replace(CodeBlocks().Replace(markdown, ""), "")))
        {
            var target = link.Groups["target"].Value;
            if (Regex.IsMatch(target, "^[a-z]+:", RegexOptions.IgnoreCase)) continue; // https:, mailto:
            var hash = target.IndexOf('#');
            var (file, anchor) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
            var path = file.Length == 0 ? null : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(file)));
            if (path is not null && !File.Exists(path) && !Directory.Exists(path))
            {
                problems.Add($"{link.Value}: {path} does not exist");
                continue;
            }
            if (anchor is null) continue;
            var headingsOf = path is null ? markdown : File.Exists(path) && path.EndsWith(".md", StringComparison.Ordinal) ? File.ReadAllText(path) : null;
            if (headingsOf is not null && !AnchorsOf(headingsOf).Contains(anchor))
                problems.Add($"{link.Value}: no heading gives #{anchor}");
        }
        return problems;
    }

    public static List<string> UnknownV2GKeys(string markdown) =>
        V2GKeys().Matches(markdown)
            .Select(m => (Key: m.Value, Path: m.Groups["path"].Value.Split(m.Groups["sep"].Value)))
            .Where(k => !IsPropertyPath(typeof(V2GConfig), k.Path))
            .Select(k => $"'{string.Join(':', k.Path)}' ({k.Key}) is not a property path of V2GConfig")
            .ToList();

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2 ….</summary>
    public static string Anchor(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-');

    private static HashSet<string> AnchorsOf(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Headings().Matches(CodeBlocks().Replace(markdown, "")))
        {
            var anchor = Anchor(heading.Groups["title"].Value);
            var unique = anchor;
            for (var i = 1; !anchors.Add(unique); i++) unique = $"{anchor}-{i}";
        }
        return anchors;
    }

    /// <summary>Whether the configuration binder would find <paramref name="path"/> below <paramref name="type"/>: each
    /// segment a public property by its exact name, an index into a list, or any key of a dictionary.</summary>
    private static bool IsPropertyPath(Type type, IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>)) is { } list)
            {
                if (!int.TryParse(segment, out _)) return false;
                type = list.GetGenericArguments()[0];
                continue;
            }
            // A device mapping (Charger, Grid:Meter) takes any key its type reads: the registry checks those.
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return true;
            if (type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance) is not { } property) return false;
            type = property.PropertyType;
        }
        return true;
    }
}
