using System.Diagnostics;
using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Bench;

/// <summary>The command benchmarks' measurement: from a charger command to its first write arriving at the device's
/// twin, and to the command's end (the driver's read-back included), against a bare write of the same value in the
/// same run. A twin that stamps its writes gives the arrival exactly; otherwise it is when this loop sees the twin's
/// count of writes go up (an upper bound).</summary>
internal static class CommandLatency
{
    public const int WarmUp = 50;

    /// <summary>Runs <paramref name="command"/> <paramref name="commands"/> times after the warm-up, each with its
    /// index, so that each command can differ from the last one and write.</summary>
    public static async Task<(List<double> ToWrite, List<double> RoundTrip)> MeasureAsync(
        int commands, Func<int, Task<ChargerCommandResult>> command, Func<int> writes, Func<int, long>? writtenAt = null)
    {
        var toWrite = new List<double>(commands);
        var roundTrip = new List<double>(commands);
        for (var i = 0; i < commands + WarmUp; i++)
        {
            var before = writes();
            var start = Stopwatch.GetTimestamp();
            var running = command(i);
            while (writes() == before && !running.IsCompleted) await Task.Yield();
            var seen = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var result = await running;
            var done = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!result.Succeeded) throw new InvalidOperationException(result.Reason);
            if (writes() == before) throw new InvalidOperationException($"command {i} wrote nothing");
            var written = writtenAt is null ? seen : Stopwatch.GetElapsedTime(start, writtenAt(before)).TotalMilliseconds;
            if (i < WarmUp) continue;
            toWrite.Add(written);
            roundTrip.Add(done);
        }
        return (toWrite, roundTrip);
    }

    public static async Task<List<double>> MeasureBareAsync(int writes, Func<int, Task> write)
    {
        var samples = new List<double>(writes);
        for (var i = 0; i < writes + WarmUp; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await write(i);
            if (i >= WarmUp) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return samples;
    }

    public static void Print(string device, string write, List<double> toWrite, List<double> roundTrip, string bare, List<double> baseline)
    {
        ModbusLatencyTable.Header("path", "commands");
        ModbusLatencyTable.Row($"{device} SetPowerAsync → {write}", toWrite);
        ModbusLatencyTable.Row($"{device} SetPowerAsync, whole command (its writes and read-back)", roundTrip);
        ModbusLatencyTable.Row($"{bare} (baseline)", baseline);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"command → write p50 {Stats.Median(toWrite):0.000} ms, p99 {Stats.Percentile(toWrite, 99):0.000} ms; p50 ratio command → write / bare write: {Stats.Median(toWrite) / Stats.Median(baseline):0.00}"));
    }
}
