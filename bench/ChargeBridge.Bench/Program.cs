using System.Reflection;
using ChargeBridge.Bench;

// Each benchmark is one IBenchmark class; it prints Markdown for docs/BENCHMARKS.md.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
var chosen = benchmarks.FirstOrDefault(b => args.Length > 0 && b.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ChargeBridge.Bench -- <benchmark> [options]");
    Console.Error.WriteLine("benchmarks: " + string.Join(", ", benchmarks.Select(b => b.Name)));
    return 1;
}
await chosen.RunAsync(args[1..]);
return 0;
