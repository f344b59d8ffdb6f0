using System.Diagnostics;

namespace ChargeBridge.Optimum;

/// <summary>Runs GLPK's <c>glpsol</c> on a MathProg model file and fails unless it reports an optimum.</summary>
public static class Glpsol
{
    public static void Run(string model)
    {
        // A MILP that GLPK cannot prove in this time fails the comparison instead of hanging it.
        var info = new ProcessStartInfo("glpsol", ["--math", model, "--tmlim", "120"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("glpsol did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("glpsol not found: install the Debian package glpk-utils (./test.sh does)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var log = stdout.Result;
            // A MILP's log also reports its LP relaxation's optimum, so only an integer optimum counts there.
            var optimal = log.Contains("INTEGER OPTIMAL SOLUTION FOUND", StringComparison.Ordinal)
                || (!log.Contains("Integer optimization begins", StringComparison.Ordinal) && log.Contains("OPTIMAL LP SOLUTION FOUND", StringComparison.Ordinal));
            if (process.ExitCode != 0 || !optimal)
                throw new InvalidOperationException($"glpsol failed (exit {process.ExitCode}): {log}{stderr}");
        }
    }
}
