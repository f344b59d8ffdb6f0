using System.Diagnostics;
using System.Globalization;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Bench;

/// <summary>The built `chargebridge` executable as its own process, for the memory benchmarks.</summary>
internal static class HostProcess
{
    /// <summary>Starts `chargebridge <paramref name="args"/>`, connected to <paramref name="fake"/> when given; its
    /// output is drained so a full pipe never blocks it.</summary>
    public static Process Start(IReadOnlyList<string> args, HomeAssistantFake? fake = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "chargebridge.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (fake is not null)
        {
            start.Environment["HomeAssistant__Host"] = "127.0.0.1";
            start.Environment["HomeAssistant__Port"] = fake.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["HomeAssistant__Token"] = fake.Token;
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    public static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
