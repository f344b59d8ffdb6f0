using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ChargeBridge.Bench;

/// <summary>Runs a class of BenchmarkDotNet cases in this process (short run, 15 iterations, allocations, median and
/// P95) and prints its table as Markdown for docs/BENCHMARKS.md.</summary>
internal static class InProcessBenchmarks
{
    public static void Run<TCases>()
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .WithSummaryStyle(SummaryStyle.Default.WithCultureInfo(CultureInfo.InvariantCulture));
        var summary = BenchmarkRunner.Run<TCases>(config);
        Console.WriteLine();
        BenchmarkDotNet.Exporters.MarkdownExporter.GitHub.ExportToLog(summary, BenchmarkDotNet.Loggers.ConsoleLogger.Default);
    }
}
