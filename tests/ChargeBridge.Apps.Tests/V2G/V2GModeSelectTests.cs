using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Tests;
using static ChargeBridge.Apps.Tests.V2G.RecordedNotifications;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The loop's own mode changes and the charge-mode select in HA, when HA is away while the loop changes the mode.</summary>
public class V2GModeSelectTests
{
    [Fact]
    public async Task Unplugging_during_a_boost_while_HA_is_away_ends_the_boost_for_good_and_is_told_once_when_HA_is_back()
    {
        await using var h = await V2GHarness.StartAsync(50, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(hour => hour < 6)));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");

        var restart = h.Fake.RestartAsync(TimeSpan.FromSeconds(5));
        await Wait.Until(() => !h.Client.IsConnected, "the client to see HA gone");
        h.Sim.Unplug();
        for (var i = 0; i < 3; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Single(h.Logs.GetSnapshot(), r => r.GetStructuredStateValue("From") == "MaxBoostNow" && r.GetStructuredStateValue("To") == "Automatic");

        await restart;
        await Wait.Until(() => h.Client.IsConnected, "the client to reconnect");
        await Wait.Until(() => h.Fake.EntitySubscriptionCount > 0, "the client to subscribe again");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State == "Automatic", "the select set to Automatic");

        // The next car is not boosted: the forgotten boost ended with the unplug.
        h.Sim.PlugIn();
        for (var i = 0; i < 3; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.True(h.Sim.Snapshot().ActualPowerW < 100, $"{h.Sim.Snapshot().ActualPowerW} W after the plug-in");
        await Wait.Until(() => Pushes(h.Fake, NotificationTags.ChargeModeChanged).Count > 0, "the mode change told");
        Assert.Single(Pushes(h.Fake, NotificationTags.ChargeModeChanged));
        Assert.Contains("from Max boost now to Automatic", Pushes(h.Fake, NotificationTags.ChargeModeChanged)[0]["message"]!.GetValue<string>());
    }
}
