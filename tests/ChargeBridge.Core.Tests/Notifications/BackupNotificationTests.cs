using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Notifications;

public class BackupNotificationTests
{
    [Fact]
    public void The_outage_alert_is_critical_and_tells_the_hours_left_and_the_energy_above_the_reserve()
    {
        var alert = ProductNotifications.BackupStarted(7.25, Energy.FromKilowattHours(21.6), new Percent(30));

        Assert.True(alert.Critical);
        Assert.Equal(NotificationTags.Backup, alert.Tag);
        Assert.Contains("about 7.3 hours", alert.Message);
        Assert.Contains("21.6 kWh above the 30 % backup reserve", alert.Message);
    }

    [Fact]
    public void Without_an_estimate_the_alert_says_it_is_not_known_yet()
    {
        var alert = ProductNotifications.BackupStarted(null, null, new Percent(30));

        Assert.True(alert.Critical);
        Assert.Contains("not known yet", alert.Message);
    }

    [Fact]
    public void The_grid_back_message_replaces_the_alert()
    {
        var back = ProductNotifications.BackupEnded(TimeSpan.FromMinutes(42));

        Assert.Equal(ProductNotifications.BackupStarted(1, Energy.Zero, new Percent(30)).Tag, back.Tag);
        Assert.False(back.Critical);
        Assert.Contains("42 minutes", back.Message);
    }
}
