namespace ChargeBridge.Bench;

/// <summary>One benchmark, chosen by name on the command line.</summary>
internal interface IBenchmark
{
    string Name { get; }
    Task RunAsync(string[] args);
}
