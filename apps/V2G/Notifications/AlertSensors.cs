using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G.Notifications;

/// <summary>The dashboard's view of the alerts: the active ones on <see cref="V2GEntities.Alert"/> and the power deviation.</summary>
internal static class AlertSensors
{
    public const string None = "none";

    public static async Task PublishAsync(ISensorPublisher publisher, V2GEntities entities, IReadOnlyList<ActiveAlert> alerts, bool deviating,
        (Power SetPoint, Power Actual)? deviation, CancellationToken ct)
    {
        await publisher.PublishAsync(entities.Alert, alerts.Count == 0 ? None : alerts[0].Tag, new
        {
            friendly_name = entities.Label("ChargeBridge alert"),
            icon = alerts.Count == 0 ? "mdi:check-circle-outline" : "mdi:alert",
            alerts = alerts.Select(a => new { tag = a.Tag, title = a.Notification.Title, message = a.Notification.Message, critical = a.Notification.Critical }),
        }, ct);
        await publisher.PublishAsync(entities.PowerDeviation, deviating ? "on" : "off", new
        {
            device_class = "problem",
            friendly_name = entities.Label("Charger power deviation"),
            set_point = deviation?.SetPoint.Watts,
            actual_power = deviation?.Actual.Watts,
            threshold = PowerDeviationMonitor.Threshold.Watts,
        }, ct);
    }
}
