using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChargeBridge.Tests;

/// <summary>A test peer server (mosquitto, influxd) started as a process, its output collected for the message when it
/// does not come up.</summary>
public static class ServerProcess
{
    public static (Process Process, Func<string> Output) Start(string binary, params string[] args)
    {
        var start = new ProcessStartInfo(binary, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, () => string.Join(Environment.NewLine, output));
    }
}
