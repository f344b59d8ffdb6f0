using System.Diagnostics;
using ChargeBridge.Host.Demo;
using ChargeBridge.Host.Verbs;

namespace ChargeBridge.Host.Tests;

/// <summary>
/// One in-process run of the `demo` verb, shared by the tests of the "demo day" collection (a day takes seconds, not
/// milliseconds): its console output, exit code, wall time, recording, and the report written to a temporary folder.
/// </summary>
public sealed class DemoRun : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("chargebridge-demo-report-");

    public string Report => Path.Combine(_folder.FullName, "report.html");
    public string Output { get; private set; } = "";
    public int Exit { get; private set; }
    public TimeSpan Elapsed { get; private set; }
    internal DemoRecording Recording => _recording ?? throw new Xunit.Sdk.XunitException($"the demo did not run:{Environment.NewLine}{Output}");
    private DemoRecording? _recording;

    public async Task InitializeAsync()
    {
        var output = new StringWriter();
        var watch = Stopwatch.StartNew();
        (Exit, _recording) = await DemoVerb.RunAsync(output, interactive: false, new FileInfo(Report), CancellationToken.None);
        Elapsed = watch.Elapsed;
        Output = output.ToString();
    }

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoDayCollection : ICollectionFixture<DemoRun>
{
    public const string Name = "demo day";
}
