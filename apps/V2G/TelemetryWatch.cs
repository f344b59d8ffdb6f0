using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Watches the telemetry sink at the site loop's pace: reads its status for the sensor and sends what
/// <see cref="TelemetryAlertRule"/> calls for (the alert once per episode, the recovery when writes work again).
/// </summary>
internal sealed class TelemetryWatch(ITelemetrySink sink, IReadOnlyList<string> notifyTargets, SiteServices services) : IDisposable
{
    private readonly TelemetryAlertRule _rule = new();
    private readonly NotificationSender _sender = new(services.Ha, [.. notifyTargets.Select(V2GNotifier.ServiceOf)], services.Logger);

    public TelemetryStatus Step(DateTimeOffset now)
    {
        var status = sink.Status;
        if (_rule.Step(status, now, services.Zone) is { } notification)
        {
            if (_rule.Alerting)
                services.Logger.LogWarning("Telemetry alert: writes failing since {FailingSince}, {DroppedSamples} samples dropped, {WriteFailures} failed writes",
                    status.FailingSince, status.SamplesDropped, status.WriteFailures);
            else services.Logger.LogInformation("Telemetry recovered: {PointsWritten} points written, {DroppedSamples} samples dropped", status.PointsWritten, status.SamplesDropped);
            _sender.Send([new SendNotification(notification)], now);
        }
        return status;
    }

    public void Dispose() => _sender.Dispose();
}
