using ChargeBridge.Core.Telemetry;

namespace ChargeBridge.Core.Notifications;

/// <summary>
/// When the telemetry sink's state calls for a notification, one <see cref="Step"/> per site step: an alert once an
/// episode starts (writes failing for more than <see cref="FailingFor"/>, or samples dropped since the last step), none
/// more during it, and the recovery once a write went through after the episode started with nothing dropped since
/// the last step. The sink's counters run from its start, so drops before the first step count too.
/// </summary>
public sealed class TelemetryAlertRule
{
    /// <summary>Short outages (a server restart) are covered by the buffer and not worth a notification.</summary>
    public static readonly TimeSpan FailingFor = TimeSpan.FromMinutes(10);

    private long _dropped;
    private DateTimeOffset? _episodeSince;

    /// <summary>Whether an episode is on: its alert went out and its recovery has not.</summary>
    public bool Alerting => _episodeSince is not null;

    public MobileNotification? Step(TelemetryStatus status, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (status.State == TelemetryState.Off) return null;
        var dropped = status.SamplesDropped > _dropped;
        _dropped = status.SamplesDropped;
        if (_episodeSince is not { } episode)
        {
            var failingLong = status.FailingSince is { } since && now - since > FailingFor;
            if (!failingLong && !dropped) return null;
            _episodeSince = now;
            return ProductNotifications.TelemetryFailing(status, zone);
        }
        if (status.State != TelemetryState.Ok || dropped || status.LastWrite is not { } last || last < episode) return null;
        _episodeSince = null;
        return ProductNotifications.TelemetryRecovered(status);
    }
}
