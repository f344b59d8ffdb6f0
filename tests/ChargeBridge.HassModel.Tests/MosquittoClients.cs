using System.Diagnostics;

namespace ChargeBridge.HassModel.Tests;

/// <summary>Debian's mosquitto_sub and mosquitto_pub as independent peers of the publisher.</summary>
internal static class MosquittoClients
{
    /// <summary>Every retained message under the topic filters, read by a fresh mosquitto_sub: topic → payload.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RetainedAsync(int port, params string[] filters)
    {
        var arguments = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(), "-v", "--retained-only", "-W", "1" };
        foreach (var filter in filters) arguments.AddRange(["-t", filter]);
        var output = await RunAsync("mosquitto_sub", arguments);
        var retained = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ');
            if (space > 0) retained[line[..space]] = line[(space + 1)..];
        }
        return retained;
    }

    /// <summary>Polls the retained messages until <paramref name="condition"/> holds, failing with the last snapshot
    /// after the deadline.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> WaitForRetainedAsync(int port, Func<IReadOnlyDictionary<string, string>, bool> condition,
        string what, params string[] filters)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var retained = await RetainedAsync(port, filters);
            if (condition(retained)) return retained;
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
                Assert.Fail($"{what} not seen within 20 s; retained: {string.Join(", ", retained.Select(r => $"{r.Key}={r.Value}"))}");
        }
    }

    /// <summary>Publishes with QoS 1, so the broker has taken the message when this returns.</summary>
    public static Task PublishAsync(int port, string topic, string payload, bool retain = false)
    {
        var arguments = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", topic };
        if (payload.Length == 0) arguments.Add("-n");
        else arguments.AddRange(["-m", payload]);
        if (retain) arguments.Add("-r");
        return RunAsync("mosquitto_pub", arguments);
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        // mosquitto_sub ends with 27 when its -W timeout expires, which is how a snapshot ends.
        Assert.True(process.ExitCode is 0 or 27, $"{program} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
