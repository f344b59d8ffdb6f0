using System.Text.Json.Nodes;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>The shared FlexMeasures fixtures, found from the repository root (the folder holding NetDaemonApps.sln).</summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "flexmeasures");

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static JsonNode Json(string relativePath) => JsonNode.Parse(Text(relativePath))!;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetDaemonApps.sln")))
                return dir.FullName;
        throw new InvalidOperationException("NetDaemonApps.sln not found above " + AppContext.BaseDirectory);
    }
}
