using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChargeBridge.Apps.Tests;

/// <summary>
/// Reads Home Assistant YAML the way a reviewer checks it: which entity ids it defines (a package's helpers and
/// scripts) and which it references anywhere (card options, Jinja templates, JavaScript data generators). HA's
/// own tags (!include, !secret, …) are kept as tags and not resolved, so files using them still parse.
/// </summary>
internal static partial class HaConfigReferences
{
    /// <summary>Keys whose value names an action (service), not an entity: <c>input_select.select_option</c>.
    /// A script is both, so <c>script.x</c> there still counts as a reference.</summary>
    private static readonly HashSet<string> ActionKeys = ["action", "service", "perform_action"];

    public static YamlMappingNode Load(string yaml, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{name}: expected one YAML document holding a mapping");
        return root;
    }

    /// <summary>The entity ids a package defines: <c>domain.object_id</c> for each entry under an entity domain.</summary>
    public static IReadOnlySet<string> Defined(YamlMappingNode package) =>
        package.Children
            .Where(c => c.Key is YamlScalarNode { Value: { } domain } && EntityDomains.Contains(domain) && c.Value is YamlMappingNode)
            .SelectMany(c => ((YamlMappingNode)c.Value).Children.Keys.OfType<YamlScalarNode>()
                .Select(k => $"{((YamlScalarNode)c.Key).Value}.{k.Value}"))
            .ToHashSet();

    /// <summary>Every entity id mentioned in a value anywhere below <paramref name="node"/> (a glob such as
    /// sensor.chargebridge*_soc is a pattern, not an id).</summary>
    public static IReadOnlySet<string> Referenced(YamlNode node)
    {
        var found = new HashSet<string>();
        Walk(node, null, found);
        return found;
    }

    private static void Walk(YamlNode node, string? key, HashSet<string> found)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children) Walk(v, (k as YamlScalarNode)?.Value, found);
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children) Walk(item, key, found);
                break;
            case YamlScalarNode { Value: { } text }:
                foreach (Match m in EntityId().Matches(text))
                    if (key is null || !ActionKeys.Contains(key) || m.Groups["domain"].Value == "script") found.Add(m.Value);
                break;
        }
    }

    private static readonly HashSet<string> EntityDomains =
    [
        "sensor", "binary_sensor", "input_select", "input_number", "input_boolean", "input_text", "input_datetime", "script",
        "calendar", "switch", "button", "number", "select", "automation", "person", "device_tracker",
    ];

    [GeneratedRegex(@"(?<![\w.])(?<domain>sensor|binary_sensor|input_select|input_number|input_boolean|input_text|input_datetime|script|calendar|switch|button|number|select|automation|person|device_tracker)\.[a-z0-9_]+(?![\w*])")]
    private static partial Regex EntityId();
}
