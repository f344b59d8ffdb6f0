using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>The shared FlexMeasures fixtures in ../shared beside the repository.</summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.Combine(ChargeBridge.Tests.RepoPaths.Shared, "fixtures", "flexmeasures");

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static JsonNode Json(string relativePath) => JsonNode.Parse(Text(relativePath))!;

}
