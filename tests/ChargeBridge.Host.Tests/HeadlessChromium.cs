using System.Diagnostics;

namespace ChargeBridge.Host.Tests;

/// <summary>
/// Runs Debian's `chromium` headless on a local file, once per call, with a fresh profile, no network services and a
/// hard timeout after which the whole process tree is killed, so no browser outlives a test.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The chromium executable; a missing browser fails the test with what to install.</summary>
    public static string Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Prepend("/usr/bin")
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists)
        ?? throw new Xunit.Sdk.XunitException("chromium not found: install the Debian package `chromium` (./test.sh does)");

    /// <summary>Opens <paramref name="file"/> with the extra <paramref name="arguments"/>; returns what the browser wrote to stdout.</summary>
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chargebridge-chromium-");
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", .. arguments, new Uri(file).AbsoluteUri])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"chromium did not finish within {Timeout.TotalSeconds} s");
            }
            var output = await stdout;
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await stderr}");
            return output;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            profile.Delete(recursive: true);
        }
    }
}
