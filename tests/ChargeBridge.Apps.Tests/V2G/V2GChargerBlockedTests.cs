using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Notifications;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using static ChargeBridge.Apps.Tests.V2G.RecordedNotifications;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>A charger held by a Wallbox app schedule or locked: the user is told once what to do, and it is cleared when it ends.</summary>
public class V2GChargerBlockedTests
{
    private static void Prices(HomeAssistantFake fake) => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(h => h < 6));

    private static string AlertsListed(HomeAssistantFake fake) => fake.GetState(V2GEntities.Default.Alert)!.Attribute("alerts")!.Value.GetRawText();

    private static async Task StepUntilAsync(V2GHarness h, Func<bool> done, string what)
    {
        for (var i = 0; i < 5 && !done(); i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        await Wait.Until(done, what);
    }

    [Fact]
    public async Task A_Wallbox_app_schedule_is_told_once_with_the_fix_shown_as_the_alert_and_cleared_when_it_is_removed()
    {
        await using var h = await V2GHarness.StartAsync(50, Prices);
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");

        h.Sim.SetAppSchedule(true);
        await StepUntilAsync(h, () => Pushes(h.Fake, NotificationTags.ChargerAppSchedule).Count > 0, "the app-schedule notification");
        Assert.Contains("Remove the schedule in the Wallbox app", Pushes(h.Fake, NotificationTags.ChargerAppSchedule)[0]["message"]!.GetValue<string>());
        Assert.Equal(NotificationTags.ChargerAppSchedule, h.Fake.GetState(V2GEntities.Default.Alert)?.State);
        for (var i = 0; i < 4; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Single(Pushes(h.Fake, NotificationTags.ChargerAppSchedule));
        Assert.Equal(0, Clears(h.Fake, NotificationTags.ChargerAppSchedule));
        // The charger's app holds control: its power is no deviation from ChargeBridge's set point.
        Assert.Equal("off", h.Fake.GetState(V2GEntities.Default.PowerDeviation)?.State);

        h.Sim.SetAppSchedule(false);
        await StepUntilAsync(h, () => Clears(h.Fake, NotificationTags.ChargerAppSchedule) == 1, "the notification cleared");
        Assert.DoesNotContain(NotificationTags.ChargerAppSchedule, AlertsListed(h.Fake));
        await h.SettledAsync(() => h.Sim.Snapshot().ActualPowerW > 7000, "the boost taken up again");
        Assert.Single(Pushes(h.Fake, NotificationTags.ChargerAppSchedule));
    }

    [Fact]
    public async Task A_locked_charger_is_told_once_with_how_to_unlock_it_and_cleared_when_it_is_unlocked()
    {
        await using var h = await V2GHarness.StartAsync(50, Prices);
        h.Sim.Unplug();
        h.Sim.SetLocked(true);
        await StepUntilAsync(h, () => Pushes(h.Fake, NotificationTags.ChargerLocked).Count > 0, "the locked notification");
        Assert.Contains("Unlock the charger", Pushes(h.Fake, NotificationTags.ChargerLocked)[0]["message"]!.GetValue<string>());
        Assert.Contains(NotificationTags.ChargerLocked, AlertsListed(h.Fake));
        for (var i = 0; i < 4; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Single(Pushes(h.Fake, NotificationTags.ChargerLocked));

        h.Sim.SetLocked(false);
        await StepUntilAsync(h, () => Clears(h.Fake, NotificationTags.ChargerLocked) == 1, "the notification cleared");
        Assert.DoesNotContain(NotificationTags.ChargerLocked, AlertsListed(h.Fake));
        Assert.Single(Pushes(h.Fake, NotificationTags.ChargerLocked));
    }
}
