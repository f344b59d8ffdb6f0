using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Core.Notifications;
using ChargeBridge.HassModel;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

public class NotificationSenderTests
{
    /// <summary>HA that refuses calls to one notify service (it does not exist) and takes the rest.</summary>
    private sealed class RefusingHa(string refused) : IHaContext
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public Task CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, CancellationToken ct = default)
        {
            Calls.Enqueue($"{service} {((JsonObject)data!)["data"]!["tag"]}");
            return service == refused
                ? Task.FromException(new HaCommandException("call_service", "service_not_found", $"Action notify.{service} not found."))
                : Task.CompletedTask;
        }

        public EntityState? GetState(string entityId) => throw new NotSupportedException();
        public IReadOnlyList<Entity> GetAllEntities() => throw new NotSupportedException();
        public IObservable<StateChange> StateAllChanges() => throw new NotSupportedException();
        public IObservable<HaEvent> Events(string eventType) => throw new NotSupportedException();
        public void CallService(string domain, string service, ServiceTarget? target = null, object? data = null) => throw new NotSupportedException();
        public Task<JsonElement?> CallServiceWithResponseAsync(string domain, string service, ServiceTarget? target = null, object? data = null) =>
            throw new NotSupportedException();
        public void SendEvent(string eventType, object? data = null) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_notify_target_HA_refuses_is_logged_once_per_notification_and_holds_up_neither_the_others_nor_later_ones()
    {
        var logs = new FakeLogCollector();
        var ha = new RefusingHa("mobile_app_old_phone");
        using var sender = new NotificationSender(ha, ["mobile_app_old_phone", "mobile_app_pixel_8"], new FakeLogger<NotificationSender>(logs));
        var at = V2GHarness.Start;

        sender.Send([new SendNotification(ProductNotifications.ChargerLocked()), new ClearNotification(NotificationTags.ChargerAppSchedule)], at);
        await Wait.Until(() => ha.Calls.Count == 4, "every call made");
        Assert.Equal(
            [$"mobile_app_old_phone {NotificationTags.ChargerLocked}", $"mobile_app_pixel_8 {NotificationTags.ChargerLocked}",
             $"mobile_app_old_phone {NotificationTags.ChargerAppSchedule}", $"mobile_app_pixel_8 {NotificationTags.ChargerAppSchedule}"],
            ha.Calls);
        // A refusal names its target and HA's reason; one per notification to the refusing phone, none for the other.
        IEnumerable<string?> RefusedTargets() => logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Has("Reason")).Select(r => r.GetStructuredStateValue("Target"));
        await Wait.Until(() => RefusedTargets().Count() == 2, "the refusals logged");
        Assert.Equal(["mobile_app_old_phone", "mobile_app_old_phone"], RefusedTargets());

        sender.Send([], at.AddMinutes(1));
        sender.Send([new SendNotification(ProductNotifications.ChargerCommunicationRestored())], at.AddMinutes(2));
        await Wait.Until(() => ha.Calls.Count == 6, "the next notification to both");
        Assert.Equal($"mobile_app_pixel_8 {NotificationTags.ChargerCommunication}", ha.Calls.Last());
        Assert.Equal(3, RefusedTargets().Count());
    }
}
