using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Core.Tests.Notifications;

public class TelemetryAlertRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static TelemetryStatus Ok(long dropped = 0, DateTimeOffset? lastWrite = null) =>
        new(TelemetryState.Ok, 300, dropped, 0, lastWrite ?? T0, null);

    private static TelemetryStatus Failing(DateTimeOffset since, long dropped = 0, long failures = 3) =>
        new(TelemetryState.Failing, 300, dropped, failures, since.AddSeconds(-5), since);

    [Fact]
    public void Failing_writes_alert_only_after_ten_minutes_and_once_then_the_recovery_once()
    {
        var rule = new TelemetryAlertRule();
        Assert.Null(rule.Step(Ok(), T0, TimeZoneInfo.Utc));
        Assert.Null(rule.Step(Failing(T0), T0.AddMinutes(1), TimeZoneInfo.Utc));
        Assert.Null(rule.Step(Failing(T0), T0.AddMinutes(10), TimeZoneInfo.Utc));

        var alert = rule.Step(Failing(T0, failures: 12), T0.AddMinutes(10).AddSeconds(5), TimeZoneInfo.Utc);
        Assert.NotNull(alert);
        Assert.Equal(NotificationTags.Telemetry, alert.Tag);
        Assert.False(alert.Critical);
        Assert.Equal("Writing to InfluxDB has failed since 08:00 (12 failed writes). Samples wait in the buffer; none is lost yet. " +
            "Check the InfluxDB server and the telemetry settings; ChargeBridge keeps trying.", alert.Message);
        Assert.True(rule.Alerting);
        Assert.Null(rule.Step(Failing(T0), T0.AddMinutes(30), TimeZoneInfo.Utc));

        var back = rule.Step(Ok(lastWrite: T0.AddMinutes(31)), T0.AddMinutes(31), TimeZoneInfo.Utc);
        Assert.NotNull(back);
        Assert.Equal(NotificationTags.Telemetry, back.Tag);
        Assert.Equal("Telemetry written again", back.Title);
        Assert.False(rule.Alerting);
        Assert.Null(rule.Step(Ok(lastWrite: T0.AddMinutes(32)), T0.AddMinutes(32), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_short_outage_covered_by_the_buffer_says_nothing()
    {
        var rule = new TelemetryAlertRule();
        Assert.Null(rule.Step(Failing(T0), T0.AddMinutes(9), TimeZoneInfo.Utc));
        Assert.Null(rule.Step(Ok(lastWrite: T0.AddMinutes(9.5)), T0.AddMinutes(9.5), TimeZoneInfo.Utc));
        Assert.Null(rule.Step(Failing(T0.AddMinutes(20)), T0.AddMinutes(29), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Dropped_samples_alert_at_once_and_the_recovery_waits_for_a_write_after_it_with_no_new_drops()
    {
        var rule = new TelemetryAlertRule();
        Assert.Null(rule.Step(Ok(), T0, TimeZoneInfo.Utc));

        // A batch the server refused: dropped while the sink is not failing.
        var alert = rule.Step(Ok(dropped: 40, lastWrite: T0), T0.AddSeconds(5), TimeZoneInfo.Utc);
        Assert.NotNull(alert);
        Assert.Contains("40 samples have been dropped", alert.Message);
        Assert.Null(rule.Step(Ok(dropped: 40, lastWrite: T0), T0.AddSeconds(10), TimeZoneInfo.Utc));
        Assert.Null(rule.Step(Ok(dropped: 80, lastWrite: T0.AddSeconds(15)), T0.AddSeconds(15), TimeZoneInfo.Utc));

        var back = rule.Step(Ok(dropped: 80, lastWrite: T0.AddSeconds(20)), T0.AddSeconds(20), TimeZoneInfo.Utc);
        Assert.NotNull(back);
        Assert.Contains("80 samples dropped", back.Message);
    }

    [Fact]
    public void Telemetry_off_never_notifies()
    {
        var rule = new TelemetryAlertRule();
        Assert.Null(rule.Step(TelemetryStatus.Off, T0, TimeZoneInfo.Utc));
        Assert.Null(rule.Step(TelemetryStatus.Off, T0.AddHours(1), TimeZoneInfo.Utc));
        Assert.Null(NoTelemetry.Instance.Status.LastWrite);
        Assert.Equal(TelemetryState.Off, NoTelemetry.Instance.Status.State);
    }
}
