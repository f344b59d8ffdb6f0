using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace ChargeBridge.Bench;

/// <summary>Another .NET process's <c>System.Runtime</c> counters (as dotnet-counters shows them), in MB.</summary>
/// <param name="GcHeapMb">gc-heap-size: bytes allocated on the GC heap and not yet collected (live and garbage).</param>
/// <param name="AfterLastGcMb">gen-0..2, LOH and POH sizes summed: what the last GC left, the live data when it was a full one.</param>
/// <param name="CommittedMb">gc-committed: memory the GC holds from the OS.</param>
internal sealed record RuntimeCounters(double GcHeapMb, double AfterLastGcMb, double CommittedMb)
{
    private static readonly string[] Generations = ["gen-0-size", "gen-1-size", "gen-2-size", "loh-size", "poh-size"];
    private static readonly string[] Needed = [.. Generations, "gc-heap-size", "gc-committed"];

    /// <summary>Opens an EventPipe session to process <paramref name="pid"/>, takes the first report of every counter
    /// and closes the session again, so no session stays open in the measured process between samples.</summary>
    public static async Task<RuntimeCounters> ReadAsync(int pid, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(pid);
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, (long)EventKeywords.None,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        using var session = client.StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 1);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                || outer["Payload"] is not IDictionary<string, object> payload) return;
            // Sizes are mean counters; incrementing ones (collections, allocations) are not read.
            if (!payload.TryGetValue("Mean", out var mean)) return;
            lock (values)
            {
                values[(string)payload["Name"]] = Convert.ToDouble(mean, System.Globalization.CultureInfo.InvariantCulture);
                if (Needed.All(values.ContainsKey)) complete.TrySetResult();
            }
        };
        var processing = Task.Run(source.Process);
        try
        {
            await complete.Task.WaitAsync(timeout);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing;
        }
        lock (values)
            return new RuntimeCounters(values["gc-heap-size"], Generations.Sum(g => values[g]) / 1024 / 1024, values["gc-committed"]);
    }
}
