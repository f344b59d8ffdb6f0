using System.Diagnostics;
using ChargeBridge.Tests;

namespace ChargeBridge.Host.Tests;

/// <summary>The host executable as a user runs it.</summary>
public class HostVerbTests
{
    private static async Task<(int Exit, string Out, string Err)> RunHostAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "chargebridge.dll");
        var start = new ProcessStartInfo("dotnet", [exe, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in new[] { "SUPERVISOR_TOKEN", "HomeAssistant__Token", "HomeAssistant__Host" }) start.Environment.Remove(name);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task The_demo_runs_every_app_through_the_simulated_day_with_nothing_configured()
    {
        var (exit, output, error) = await RunHostAsync(new Dictionary<string, string?>(), "demo");
        Assert.True(exit == 0, output + error);
        Assert.Contains("app power_mirror: Running", output);
        Assert.Contains("app v2g: Running", output);
        Assert.Contains("Target met:", output);
        Assert.Contains("100 %  simulated day", output);
    }

    [Fact]
    public async Task Run_without_a_token_names_the_missing_setting_and_exits_non_zero()
    {
        var (exit, _, error) = await RunHostAsync(new Dictionary<string, string?>(), "run");
        Assert.Equal(2, exit);
        Assert.Contains("HomeAssistant:Token is missing", error);
    }

    [Fact]
    public async Task Run_with_a_refused_token_stops_and_never_prints_the_token()
    {
        await using var fake = await HassModel.Fake.HomeAssistantFake.StartAsync(token: "accepted");
        var (exit, output, error) = await RunHostAsync(new Dictionary<string, string?>
        {
            ["HomeAssistant__Host"] = "127.0.0.1",
            ["HomeAssistant__Port"] = fake.Port.ToString(),
            ["HomeAssistant__Token"] = "refused-token-1234",
        }, "run");
        Assert.Equal(2, exit);
        Assert.Contains("refused the access token", output + error);
        Assert.DoesNotContain("refused-token-1234", output + error);
    }
}
