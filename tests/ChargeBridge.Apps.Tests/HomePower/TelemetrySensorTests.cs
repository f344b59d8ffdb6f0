using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Telemetry;
using static ChargeBridge.Apps.Tests.V2G.RecordedNotifications;

namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>The site's telemetry sensor and notification, from a sink whose status the test sets, in virtual time.</summary>
public sealed class TelemetrySensorTests
{
    private sealed class StatusSink : ITelemetrySink
    {
        private TelemetryStatus _status = TelemetryStatus.NothingToWrite;

        public TelemetryStatus Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }

        public void Publish(TelemetrySample sample)
        {
        }
    }

    [Fact]
    public async Task The_sensor_follows_the_sink_and_a_long_failure_is_notified_once_then_its_end()
    {
        var sink = new StatusSink();
        var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(15), _ => 800, _ => 0);
        await using var site = await HomePowerSite.StartAsync(trace, new HomePowerSiteOptions(Telemetry: sink)
        {
            Keys = new Dictionary<string, string> { ["NotifyTargets:0"] = "mobile_app_phone" },
        });
        var firstWrite = site.Clock.Now;
        sink.Status = new TelemetryStatus(TelemetryState.Ok, 120, 0, 0, firstWrite, null);
        await site.RunAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("ok", site.State(TelemetrySensor.Entity));
        var attributes = site.Fake.GetState(TelemetrySensor.Entity)!.Attributes;
        Assert.Equal(120, attributes["points_written"].GetInt64());
        Assert.Equal(0, attributes["samples_dropped"].GetInt64());
        Assert.Equal(0, attributes["write_failures"].GetInt64());
        Assert.Equal(firstWrite, attributes["last_write"].GetDateTimeOffset());

        var since = site.Clock.Now;
        sink.Status = new TelemetryStatus(TelemetryState.Failing, 120, 0, 7, firstWrite, since);
        await site.RunAsync(TelemetryAlertRule.FailingFor - TimeSpan.FromSeconds(30));
        Assert.Equal("failing", site.State(TelemetrySensor.Entity));
        Assert.Empty(Pushes(site.Fake, NotificationTags.Telemetry));

        await site.RunAsync(TimeSpan.FromMinutes(2));
        var alert = Assert.Single(Pushes(site.Fake, NotificationTags.Telemetry));
        Assert.Contains("failed since", alert["message"]!.ToString());
        Assert.Equal(7, site.Fake.GetState(TelemetrySensor.Entity)!.Attributes["write_failures"].GetInt64());

        sink.Status = new TelemetryStatus(TelemetryState.Ok, 900, 0, 7, site.Clock.Now, null);
        await site.RunAsync(TimeSpan.FromSeconds(20));
        var pushes = Pushes(site.Fake, NotificationTags.Telemetry);
        Assert.Equal(2, pushes.Count);
        Assert.Equal("Telemetry written again", pushes[1]["title"]!.ToString());
        Assert.Equal("ok", site.State(TelemetrySensor.Entity));
    }

    [Fact]
    public async Task Without_telemetry_there_is_no_sensor()
    {
        var trace = HomePowerSite.Trace(TimeSpan.FromMinutes(1), _ => 800, _ => 0);
        await using var site = await HomePowerSite.StartAsync(trace, new HomePowerSiteOptions());
        await site.RunAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(site.State(SiteLoop.GridPower));
        Assert.Null(site.State(TelemetrySensor.Entity));
    }
}
