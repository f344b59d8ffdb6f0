using System.Diagnostics;
using ChargeBridge.Host;

namespace ChargeBridge.Bench;

/// <summary>The `simulate` year: every strategy over the 2024 prices and the chosen user's sessions, with wall time and memory.</summary>
internal sealed class SimulationYearBenchmark : IBenchmark
{
    public string Name => "simulate-year";

    public async Task RunAsync(string[] args)
    {
        var wall = Stopwatch.StartNew();
        var year = PlanWindows.Year();
        var results = await year.RunAllAsync(CancellationToken.None);
        wall.Stop();
        Console.WriteLine(Host.SimulateYear.Table(year, results, wall.Elapsed));
        Console.WriteLine();
        Console.WriteLine($"resident memory {Stats.ResidentMegabytes():0} MB");
    }
}
