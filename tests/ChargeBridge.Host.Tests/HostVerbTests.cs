using ChargeBridge.Tests;

namespace ChargeBridge.Host.Tests;

/// <summary>The host executable as a user runs it. In the demo day's collection: its demo and the collection's in-process
/// one each take most of a minute of CPU, and run side by side on two cores neither kept within its minute.</summary>
[Collection(DemoDayCollection.Name)]
public class HostVerbTests
{
    private static Task<(int Exit, string Out, string Err)> RunHostAsync(IDictionary<string, string?> environment, params string[] args) =>
        HostProcess.RunAsync("dotnet", [HostProcess.HostDll, .. args], environment);

    [Fact]
    public async Task The_demo_runs_every_app_through_the_simulated_day_with_nothing_configured()
    {
        var folder = Directory.CreateTempSubdirectory("chargebridge-demo-");
        try
        {
            var report = Path.Combine(folder.FullName, "day.html");
            var (exit, output, error) = await RunHostAsync(new Dictionary<string, string?>(), "demo", "--report", report);
            Assert.True(exit == 0, output + error);
            Assert.Contains("app power_mirror: Running", output);
            Assert.Contains("app v2g: Running", output);
            Assert.Contains("Target met:", output);
            Assert.Contains("100 %  simulated day", output);
            Assert.Contains($"Report with the day's chart and table: {report} (open it in a browser)", output);
            Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(report));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_with_nothing_configured_names_every_missing_setting_and_exits_with_2()
    {
        var (exit, _, error) = await RunHostAsync(new Dictionary<string, string?> { ["HomeAssistant__Port"] = "eighty" }, "run");
        Assert.Equal(2, exit);
        Assert.Contains("Configuration errors (3), nothing started:", error);
        Assert.Contains("HomeAssistant:Token is missing: create a long-lived access token", error);
        Assert.Contains("HomeAssistant:Port must be a whole number, not 'eighty'", error);
        Assert.Contains("ChargeBridge.Apps.V2G.V2GConfig:ChargerHost is empty: put the Wallbox Quasar's IP address here", error);
    }

    [Fact]
    public async Task Check_prints_a_checklist_exits_with_1_on_a_failure_and_never_prints_the_secrets()
    {
        await using var home = await HomeSetup.StartAsync();
        var environment = home.Settings(s => s["HomeAssistant:Token"] = "refused-token-77aa")
            .ToDictionary(e => e.Key.Replace(":", "__"), e => e.Value);
        var (exit, output, error) = await RunHostAsync(environment, "check");
        Assert.True(exit == 1, output + error);
        Assert.Contains("✗ Home Assistant at", output);
        Assert.Contains("    fix: create a long-lived access token", output);
        Assert.Contains("✓ logged in to FlexMeasures", output);
        Assert.Contains("checks failed.", output);
        Assert.DoesNotContain("refused-token-77aa", output + error);
        Assert.DoesNotContain(HomeSetup.FlexPassword, output + error);
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
            // The environment overrides the empty address in the shipped apps/V2G/v2g.yaml.
            ["ChargeBridge.Apps.V2G.V2GConfig__ChargerHost"] = "127.0.0.1",
        }, "run");
        Assert.Equal(2, exit);
        Assert.Contains("refused the access token", output + error);
        Assert.DoesNotContain("refused-token-1234", output + error);
    }
}
