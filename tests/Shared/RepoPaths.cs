namespace ChargeBridge.Tests;

/// <summary>Where the repository and the shared data beside it are, found from the test binary's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared beside the repository: real data and protocol fixtures.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedFile(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        return File.Exists(path) ? path : throw new FileNotFoundException($"shared test data missing: {path}");
    }

    /// <summary>Fixtures we wrote ourselves from documented message shapes (tests/Fixtures), not captured data.</summary>
    public static string FixtureFile(params string[] parts)
    {
        var path = Path.Combine([Root, "tests", "Fixtures", .. parts]);
        return File.Exists(path) ? path : throw new FileNotFoundException($"test fixture missing: {path}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetDaemonApps.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("NetDaemonApps.sln not found above " + AppContext.BaseDirectory);
    }
}
