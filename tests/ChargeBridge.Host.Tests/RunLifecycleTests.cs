using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Host.Tests;

/// <summary>`run` starting against an HA that refuses a helper, and stopping with the charger under its control.</summary>
public class RunLifecycleTests
{
    private const string ModeSelect = "input_select.chargebridge_charge_mode";
    private const string AlertSensor = "sensor.chargebridge_alert";
    private const string HelpersMissingTag = "chargebridge_helpers_missing";

    /// <summary>The home's keys without FlexMeasures: the local planner plans.</summary>
    private static Dictionary<string, string?> LocalSettings(HomeSetup home) =>
        home.Settings(s => { foreach (var key in s.Keys.Where(k => k.Contains(":FlexMeasures:", StringComparison.Ordinal)).ToList()) s.Remove(key); });

    private static IEnumerable<string?> AlertTags(HomeAssistantFake ha) =>
        ha.GetState(AlertSensor)?.Attribute("alerts")?.EnumerateArray().Select(a => a.GetProperty("tag").GetString()) ?? [];

    [Fact]
    public async Task A_helper_HA_refuses_leaves_the_app_running_on_its_default_with_an_alert_until_a_retry_creates_it()
    {
        var clock = new VirtualClock();
        await using var home = await HomeSetup.StartAsync(clock, new QuasarSimulatorOptions
        {
            Clock = clock, CarConnected = true, InitialSoc = new Percent(40), BatteryCapacity = Energy.FromKilowattHours(62),
        });
        home.Ha.InjectFault("input_number/create", FakeFault.Refuse, times: 1);
        var logs = new FakeLoggerProvider();
        using var host = InProcessRun.Build(clock, c =>
        {
            AppHost.Configure(c, null, AppHost.DefaultAppsConfigFolder);
            c.AddInMemoryCollection(LocalSettings(home));
        }, logs);
        await host.StartAsync();
        try
        {
            var runtime = host.Services.GetRequiredService<AppRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(AppState.Running, runtime.Apps.Single(a => a.Id == "v2g").State);
            // The first input_number (the minimum SoC) was refused; the others exist.
            Assert.Null(home.Ha.GetState("input_number.chargebridge_min_soc"));
            Assert.NotNull(home.Ha.GetState("input_number.chargebridge_max_soc"));
            Assert.NotNull(home.Ha.GetState(ModeSelect));

            await InProcessRun.AdvanceUntilAsync(clock, () => AlertTags(home.Ha).Contains(HelpersMissingTag), "the helpers-missing alert");
            var alert = home.Ha.GetState(AlertSensor)!.Attribute("alerts")!.Value.EnumerateArray().Single(a => a.GetProperty("tag").GetString() == HelpersMissingTag);
            Assert.Contains("input_number.chargebridge_min_soc", alert.GetProperty("message").GetString());

            // The retry after HelperUpkeep.FirstRetry creates it; a step after that clears the alert.
            await InProcessRun.AdvanceUntilAsync(clock, () => home.Ha.GetState("input_number.chargebridge_min_soc") is not null
                && !AlertTags(home.Ha).Contains(HelpersMissingTag), "the helper created by the retry and the alert gone");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task SIGTERM_stops_the_charger_hands_it_back_and_exits()
    {
        await using var home = await HomeSetup.StartAsync(charger: new QuasarSimulatorOptions
        {
            CarConnected = true, InitialSoc = new Percent(40), BatteryCapacity = Energy.FromKilowattHours(62),
        });
        var environment = LocalSettings(home).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        var (process, stdout, stderr) = HostProcess.Start("dotnet", [HostProcess.HostDll, "run"], environment);
        using var _ = process;
        try
        {
            await Wait.Until(() => home.Ha.GetState(ModeSelect) is not null || process.HasExited, "the charge-mode select", TimeSpan.FromSeconds(60));
            home.Ha.SetState(ModeSelect, "Max boost now");
            await Wait.Until(() => home.Charger.Snapshot() is { RemoteControl: true, PowerSetPointW: > 0 } || process.HasExited, "the boost on the charger",
                TimeSpan.FromSeconds(60));
            Assert.False(process.HasExited, process.HasExited ? await stderr : null);

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.Equal(0, process.ExitCode);
        var charger = home.Charger.Snapshot();
        Assert.Equal(0, charger.PowerSetPointW);
        Assert.False(charger.RemoteControl, await stdout);
    }
}
