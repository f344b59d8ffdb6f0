using System.Diagnostics;

namespace ChargeBridge.Tests;

/// <summary>A third-party peer program run by a test. A missing program fails the test with a clear message.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;

    private PeerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Starts a long-running peer that prints one line (such as its port) when it is ready.</summary>
    public static async Task<(PeerProcess Peer, string FirstLine)> StartAsync(string program, string hint, params string[] args)
    {
        var process = Start(program, hint, args);
        var peer = new PeerProcess(process);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
        {
            var error = await process.StandardError.ReadToEndAsync();
            peer.Dispose();
            throw new InvalidOperationException($"peer {program} exited before it was ready ({hint}): {error}");
        }
        return (peer, line);
    }

    /// <summary>Runs a peer to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, string hint, params string[] args)
    {
        using var process = Start(program, hint, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Freezes (SIGSTOP) or resumes (SIGCONT) the peer: its sockets stay open but nothing answers.</summary>
    public async Task SignalAsync(string signal)
    {
        var (code, output) = await RunAsync("kill", "coreutils", "-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (code != 0) throw new InvalidOperationException($"kill -{signal} failed: {output}");
    }

    private static Process Start(string program, string hint, string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"peer {program} is missing: {hint} (./test.sh installs it)", e);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
