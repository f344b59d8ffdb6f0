namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>A data folder of its own for one test, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("chargebridge-fm-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
