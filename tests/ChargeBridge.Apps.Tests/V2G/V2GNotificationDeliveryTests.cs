using ChargeBridge.Core.Notifications;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using static ChargeBridge.Apps.Tests.V2G.RecordedNotifications;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>Notifications decided while Home Assistant is away reach it when it is back: once, in order, none stale.</summary>
public class V2GNotificationDeliveryTests
{
    [Fact]
    public async Task A_notification_decided_while_HA_is_away_is_delivered_once_when_it_is_back_and_one_superseded_meanwhile_is_not()
    {
        await using var h = await V2GHarness.StartAsync(50, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour < 6)));
        await h.StepAsync(TimeSpan.FromMinutes(1));
        var before = h.Fake.Notifications.Count;

        var restart = h.Fake.RestartAsync(TimeSpan.FromSeconds(6));
        await Wait.Until(() => !h.Client.IsConnected, "the client to see HA gone");
        h.Sim.Unplug();
        h.Sim.SetLocked(true);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => Undelivered(h).Contains("2"), "the failed delivery");
        Assert.Equal(before, h.Fake.Notifications.Count);
        // Unlocked before HA is back: the locked notification is stale and only its clear is still due.
        h.Sim.SetLocked(false);
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(before, h.Fake.Notifications.Count);

        await restart;
        await Wait.Until(() => h.Client.IsConnected, "the client to reconnect");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => h.Fake.Notifications.Count >= before + 2, "the delivery");
        for (var i = 0; i < 3; i++) await h.StepAsync(TimeSpan.FromMinutes(1));

        var delivered = h.Fake.Notifications.Skip(before).Select(c => c.Data).ToList();
        Assert.Equal([(NotificationTags.CarDisconnected, false), (NotificationTags.ChargerLocked, true)],
            delivered.Select(d => (Tag(d), IsClear(d))));
        Assert.Equal("The car was disconnected at 50 %.", delivered[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_short_lived_notification_HA_missed_for_longer_than_its_time_to_live_is_dropped_not_shown_late()
    {
        await using var h = await V2GHarness.StartAsync(50, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour < 6)));
        await h.StepAsync(TimeSpan.FromMinutes(1));

        var restart = h.Fake.RestartAsync(TimeSpan.FromSeconds(6));
        await Wait.Until(() => !h.Client.IsConnected, "the client to see HA gone");
        h.Sim.Unplug();
        await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(() => Undelivered(h).Any(), "the failed delivery");
        await h.StepAsync(TimeSpan.FromMinutes(61));
        // Dropped, not refused: it names the notification and the phone, and no reason from HA.
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.GetStructuredStateValue("Target") == V2GHarness.Phone && !r.Has("Reason")
                                                   && r.GetStructuredStateValue("What")?.StartsWith(NotificationTags.CarDisconnected + ":") == true);

        await restart;
        await Wait.Until(() => h.Client.IsConnected, "the client to reconnect");
        for (var i = 0; i < 2; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(Pushes(h.Fake, NotificationTags.CarDisconnected));
    }

    /// <summary>The Count of each "not delivered" warning: the notifications kept until HA answers again.</summary>
    private static IEnumerable<string?> Undelivered(V2GHarness h) => h.Logs.GetSnapshot()
        .Where(r => r.Category == typeof(V2GNotifier).FullName && r.Level == LogLevel.Warning && r.Has("Count"))
        .Select(r => r.GetStructuredStateValue("Count"));
}
