using System.Diagnostics;

namespace ChargeBridge.Host.Tests;

/// <summary>Runs a program as a user would, without the settings of the test's own environment leaking in.</summary>
internal static class HostProcess
{
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "chargebridge.dll");

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in new[] { "SUPERVISOR_TOKEN", "HomeAssistant__Token", "HomeAssistant__Host" }) start.Environment.Remove(name);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
