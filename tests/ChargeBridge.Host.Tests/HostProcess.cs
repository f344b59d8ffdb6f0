using System.Diagnostics;

namespace ChargeBridge.Host.Tests;

/// <summary>Runs a program as a user would, without the settings of the test's own environment leaking in.</summary>
internal static class HostProcess
{
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "chargebridge.dll");

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var (process, stdout, stderr) = Start(program, args, environment);
        using (process)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Starts the program and reads its output as it comes, so a full pipe never blocks it.</summary>
    public static (Process Process, Task<string> Out, Task<string> Err) Start(string program, IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in new[] { "SUPERVISOR_TOKEN", "HomeAssistant__Token", "HomeAssistant__Host" }) start.Environment.Remove(name);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        return (process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }
}
