using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Devices.Shelly;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>
/// Outage backup and frequency response end to end (issue 17): the V2G app reads the grid-status and frequency sensors
/// from the HA fake and the house twin's Shelly meters, steers a Quasar simulator over Modbus and switches the loads
/// through HA, in virtual time.
/// </summary>
public sealed class BackupEndToEndTests
{
    private const string Grid = "binary_sensor.grid_power";
    private const string HeatPump = "switch.heat_pump";
    private const string Dryer = "switch.dryer";
    private const string Frequency = "sensor.grid_frequency";
    private static readonly TimeSpan Pace = HomePowerSite.Pace;
    private static readonly BackupSettings Backup = new();
    private static readonly FrequencyResponseSettings Response = new();

    private static HomePowerSiteOptions BackupSite() => new()
    {
        Keys = new Dictionary<string, string>
        {
            ["Backup:Source"] = "BinarySensor", ["Backup:Entity"] = Grid, ["Backup:Loads:0"] = HeatPump, ["Backup:Loads:1"] = Dryer,
            ["NotifyTargets:0"] = "mobile_app_phone",
        },
        States = new Dictionary<string, string> { [Grid] = "on", [HeatPump] = "on", [Dryer] = "off" },
    };

    [Fact]
    public async Task An_outage_puts_the_car_on_the_house_switches_off_the_loads_that_were_on_and_the_grid_back_restores_them()
    {
        var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(10), _ => 1500, _ => 0);
        await using var site = await HomePowerSite.StartAsync(trace, BackupSite());
        var before = await site.RunAsync(TimeSpan.FromSeconds(61));
        Assert.Equal(0, before[^1].SetPoints[0]);
        Assert.Equal("normal", site.State(SiteModeSensors.SiteMode));

        await site.SetStateAsync(Grid, "off");
        var outageAt = site.Clock.Now - HomePowerSite.Start;
        var during = await site.RunAsync(TimeSpan.FromSeconds(60));

        // Backup starts once the sensor has said off for DownFor, seen at the pace; the car is told at that step.
        var bound = outageAt + Pace + Backup.DownFor;
        var following = during.First(s => s.SetPoints[0] < 0);
        Assert.True(following.At <= bound, $"discharging from {following.At}, bound {bound}");
        Assert.All(during.Where(s => s.At >= bound + TimeSpan.FromSeconds(15)), s => Assert.InRange(s.SetPoints[0], -1550 - 250, -1550 + 250));
        Assert.Equal("backup", during[^1].States[0]);
        Assert.Equal("backup", site.State(SiteModeSensors.SiteMode));
        Assert.NotEqual("unknown", site.State(SiteModeSensors.BackupHoursLeft));
        var off = site.Fake.ServiceCalls.Where(c => c is { Domain: "homeassistant", Service: "turn_off" }).SelectMany(c => c.EntityIds).ToList();
        Assert.Equal([HeatPump], off);
        var alert = Assert.Single(site.Fake.Notifications, n => n.Data["data"]?["tag"]?.ToString() == NotificationTags.Backup);
        Assert.Contains("hours", alert.Data["message"]!.ToString());

        await site.SetStateAsync(Grid, "on");
        var backAt = site.Clock.Now - HomePowerSite.Start;
        var after = await site.RunAsync(Backup.HoldFor + TimeSpan.FromSeconds(30));

        Assert.All(after.Where(s => s.At < backAt + Backup.HoldFor), s => Assert.Equal("backup", s.States[0]));
        Assert.Equal("normal", site.State(SiteModeSensors.SiteMode));
        var on = site.Fake.ServiceCalls.Where(c => c is { Domain: "homeassistant", Service: "turn_on" }).SelectMany(c => c.EntityIds).ToList();
        Assert.Equal([HeatPump], on);
        Assert.Equal(0, after[^1].SetPoints[0]);
    }

    [Fact]
    public async Task A_frequency_dip_discharges_at_the_set_power_is_counted_and_its_end_is_notified()
    {
        var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(5), _ => 800, _ => 0);
        await using var site = await HomePowerSite.StartAsync(trace, new HomePowerSiteOptions(CarSoc: 70)
        {
            Keys = new Dictionary<string, string>
            {
                ["FrequencyResponse:Enabled"] = "true", ["FrequencyResponse:Entity"] = Frequency, ["NotifyTargets:0"] = "mobile_app_phone",
            },
            States = new Dictionary<string, string> { [Frequency] = "50.01" },
        });
        await site.RunAsync(TimeSpan.FromSeconds(61));

        await site.SetStateAsync(Frequency, "49.72");
        var dipAt = site.Clock.Now - HomePowerSite.Start;
        var dip = await site.RunAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(site.Fake.Notifications, n => n.Data["data"]?["tag"]?.ToString() == NotificationTags.FrequencyResponse);
        await site.SetStateAsync(Frequency, "49.95");
        var recovered = await site.RunAsync(TimeSpan.FromSeconds(30));

        var started = dip.First(s => s.SetPoints[0] != 0);
        Assert.Equal(-(int)Response.DischargePower.Watts, started.SetPoints[0]);
        // The next step sees the dip; the trigger time (2 s, under one pace) is over at the step after.
        Assert.True(Response.TriggerAfter <= Pace);
        Assert.True(started.At <= dipAt + Pace + Pace, $"discharging from {started.At}, dip at {dipAt}");
        Assert.Equal("frequency_response", dip[^1].States[0]);
        Assert.Equal(0, recovered[^1].SetPoints[0]);
        Assert.Equal("1", site.State(SiteModeSensors.FrequencyEventsToday));
        var note = Assert.Single(site.Fake.Notifications, n => n.Data["data"]?["tag"]?.ToString() == NotificationTags.FrequencyResponse);
        var message = note.Data["message"]!.ToString();
        Assert.StartsWith("The car discharged", message);
        Assert.Contains("down to 49.72 Hz", message);
        Assert.Contains("the frequency came back to normal", message);
        Assert.Equal("ChargeBridge", note.Data["data"]!["group"]!.ToString());
    }

    [Fact]
    public async Task A_grid_meter_that_drops_out_starts_Backup_as_a_voltage_source_and_the_car_discharges_nothing_blind()
    {
        var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(4), _ => 1500, _ => 0);
        await using var site = await HomePowerSite.StartAsync(trace, new HomePowerSiteOptions
        {
            Keys = new Dictionary<string, string> { ["Backup:Source"] = "Voltage", ["Backup:Loads:0"] = HeatPump },
            States = new Dictionary<string, string> { [HeatPump] = "on" },
        });
        var before = await site.RunAsync(TimeSpan.FromSeconds(61));
        Assert.Equal("normal", site.State(SiteModeSensors.SiteMode));

        await site.House.Grid.SetFaultAsync(ShellyFault.Refuse);
        var silent = await site.RunAsync(TimeSpan.FromSeconds(60));

        // The reading goes stale after the meters' stale age; DownFor later (at the pace) the site is in Backup.
        Assert.Equal("backup", site.State(SiteModeSensors.SiteMode));
        Assert.Equal([HeatPump], site.Fake.ServiceCalls.Where(c => c is { Domain: "homeassistant", Service: "turn_off" }).SelectMany(c => c.EntityIds));
        // The house's load is not read either: nothing is discharged into it.
        Assert.All(silent, s => Assert.Equal(0, s.SetPoints[0]));
        Assert.Equal("backup", silent[^1].States[0]);
        Assert.Equal(0, before[^1].SetPoints[0]);
    }

    private static List<string> Calls(HomePowerSite site, string service) =>
        [.. site.Fake.ServiceCalls.Where(c => c.Domain == "homeassistant" && c.Service == service).SelectMany(c => c.EntityIds)];

    [Fact]
    public async Task A_restart_during_an_outage_remembers_the_load_switched_off_and_the_grid_back_switches_it_on_after_the_hold()
    {
        var folder = Directory.CreateTempSubdirectory("chargebridge-backup-restart-").FullName;
        try
        {
            var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(10), _ => 1500, _ => 0);
            await using (var first = await HomePowerSite.StartAsync(trace, BackupSite() with { DataFolder = folder }))
            {
                await first.RunAsync(TimeSpan.FromSeconds(61));
                await first.SetStateAsync(Grid, "off");
                await first.RunAsync(TimeSpan.FromSeconds(30));
                Assert.Equal("backup", first.State(SiteModeSensors.SiteMode));
                Assert.Equal([HeatPump], Calls(first, "turn_off"));
            }

            // ChargeBridge comes back to a grid that is up again and the heat pump still off, as Backup left it.
            var logs = new FakeLoggerProvider();
            await using var second = await HomePowerSite.StartAsync(trace, BackupSite() with
            {
                DataFolder = folder, Logs = logs,
                States = new Dictionary<string, string> { [Grid] = "on", [HeatPump] = "off", [Dryer] = "off" },
            });
            var held = await second.RunAsync(Backup.HoldFor - Pace);
            var heldOn = Calls(second, "turn_on");
            var after = await second.RunAsync(TimeSpan.FromSeconds(30));

            Assert.Contains(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("Backup goes on after a restart"));
            Assert.All(held, s => Assert.Equal("backup", s.States[0]));
            Assert.Empty(heldOn);
            Assert.Empty(Calls(second, "turn_off"));
            Assert.Equal([HeatPump], Calls(second, "turn_on"));
            Assert.Equal("normal", second.State(SiteModeSensors.SiteMode));
            Assert.NotEqual("backup", after[^1].States[0]);
            Assert.Contains("\"InBackup\": false", File.ReadAllText(Path.Combine(folder, BackupLoop.FileName)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_restart_while_the_grid_is_still_down_goes_on_in_Backup_without_a_second_alert_and_keeps_the_load_shed()
    {
        var folder = Directory.CreateTempSubdirectory("chargebridge-backup-down-").FullName;
        try
        {
            var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(10), _ => 1500, _ => 0);
            await using (var first = await HomePowerSite.StartAsync(trace, BackupSite() with { DataFolder = folder }))
            {
                await first.RunAsync(TimeSpan.FromSeconds(61));
                await first.SetStateAsync(Grid, "off");
                await first.RunAsync(TimeSpan.FromSeconds(30));
                Assert.Equal([HeatPump], Calls(first, "turn_off"));
            }

            // Still no grid; the household has switched the dryer on by hand meanwhile.
            await using var second = await HomePowerSite.StartAsync(trace, BackupSite() with
            {
                DataFolder = folder, States = new Dictionary<string, string> { [Grid] = "off", [HeatPump] = "off", [Dryer] = "on" },
            });
            var down = await second.RunAsync(TimeSpan.FromSeconds(60));
            await second.SetStateAsync(Grid, "on");
            var after = await second.RunAsync(Backup.HoldFor + TimeSpan.FromSeconds(30));

            Assert.All(down, s => Assert.Equal("backup", s.States[0]));
            Assert.Contains(down, s => s.SetPoints[0] < 0);
            Assert.Empty(Calls(second, "turn_off"));
            Assert.DoesNotContain(second.Fake.Notifications, n => n.Data["message"]?.ToString().Contains("hours") == true);
            Assert.Equal([HeatPump], Calls(second, "turn_on"));
            Assert.Equal("normal", second.State(SiteModeSensors.SiteMode));
            Assert.NotEqual("backup", after[^1].States[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_backup_state_file_is_logged_and_the_site_starts_normally()
    {
        var folder = Directory.CreateTempSubdirectory("chargebridge-backup-damaged-").FullName;
        try
        {
            var file = Path.Combine(folder, BackupLoop.FileName);
            await File.WriteAllTextAsync(file, "{\"InBackup\": tru");
            var logs = new FakeLoggerProvider();
            var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(2), _ => 1500, _ => 0);
            await using var site = await HomePowerSite.StartAsync(trace, BackupSite() with { DataFolder = folder, Logs = logs });

            var steps = await site.RunAsync(TimeSpan.FromSeconds(61));

            var warnings = logs.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
            Assert.Contains(warnings, r => r.GetStructuredStateValue("File") == file && r.GetStructuredStateValue("Reason") is not null);
            Assert.Equal("normal", site.State(SiteModeSensors.SiteMode));
            Assert.All(steps, s => Assert.NotEqual("backup", s.States[0]));
            Assert.Empty(Calls(site, "turn_on"));
            Assert.Empty(Calls(site, "turn_off"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
