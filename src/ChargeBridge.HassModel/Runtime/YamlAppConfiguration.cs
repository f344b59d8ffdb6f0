using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ChargeBridge.HassModel.Runtime;

/// <summary>Reads the apps' YAML files (NetDaemon's config format) into configuration keys.</summary>
public static class YamlAppConfiguration
{
    /// <summary>Adds every *.yaml and *.yml file below <paramref name="folder"/>; a missing folder adds nothing.</summary>
    /// <exception cref="InvalidOperationException">A file is not valid YAML; the message names the file and line.</exception>
    public static IConfigurationBuilder AddYamlAppConfig(this IConfigurationBuilder builder, string folder)
    {
        if (!Directory.Exists(folder)) return builder;
        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
            foreach (var (key, value) in Flatten(File.ReadAllText(file), file))
                values[key] = value;
        return builder.AddInMemoryCollection(values);
    }

    /// <summary>Turns a YAML document into "a:b:0"-style keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Flatten(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidOperationException($"{source}: invalid YAML at line {e.Start.Line}: {e.Message}", e);
        }
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var document in stream.Documents)
            Walk(document.RootNode, "", values);
        return values;
    }

    private static void Walk(YamlNode node, string prefix, List<KeyValuePair<string, string?>> values)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                    Walk(child, Join(prefix, ((YamlScalarNode)key).Value ?? ""), values);
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                    Walk(sequence.Children[i], Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), values);
                break;
            case YamlScalarNode scalar:
                values.Add(new(prefix, scalar.Value));
                break;
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + ":" + key;
}
