using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Notifications;

public class FrequencyNotificationTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_dip_tells_the_energy_discharged_the_minutes_the_lowest_frequency_and_why_it_ended()
    {
        // 3 kW for 4.5 minutes: 3 × 4.5 / 60 = 0.225 kWh.
        var ended = new FrequencyEvent(FrequencyEventKind.Under, Start, Start.AddMinutes(4.5), Power.FromWatts(-3000),
            Energy.FromKilowattHours(0.225), 49.78, 49.712, FrequencyEventEnd.Recovered);

        var note = ProductNotifications.FrequencyEventEnded(ended);

        Assert.Equal(NotificationTags.FrequencyResponse, note.Tag);
        Assert.False(note.Critical);
        Assert.False(note.TimeSensitive);
        Assert.Equal("The car discharged 0.23 kWh in 4.5 minutes to support the grid: the frequency went down to 49.71 Hz (started at 49.78 Hz). " +
            "It stopped because the frequency came back to normal; the car follows the plan again.", note.Message);
        var data = note.ToServiceData()["data"]!;
        Assert.Equal(MobileNotification.Group, data["group"]!.GetValue<string>());
        Assert.Equal(MobileNotification.DashboardPath, data["clickAction"]!.GetValue<string>());
    }

    [Fact]
    public void A_rise_tells_the_energy_charged_the_highest_frequency_and_the_cap_that_ended_it()
    {
        var ended = new FrequencyEvent(FrequencyEventKind.Over, Start, Start.AddMinutes(2), Power.FromWatts(3000),
            Energy.FromKilowattHours(0.1), 50.21, 50.34, FrequencyEventEnd.DailyEnergyCap);

        var note = ProductNotifications.FrequencyEventEnded(ended);

        Assert.Contains("charged 0.10 kWh in 2.0 minutes", note.Message);
        Assert.Contains("up to 50.34 Hz", note.Message);
        Assert.Contains("the day's energy cap was reached", note.Message);
    }

    [Fact]
    public void An_event_still_running_is_refused()
    {
        var running = new FrequencyEvent(FrequencyEventKind.Under, Start, null, Power.FromWatts(-3000), Energy.Zero, 49.7, 49.7, null);

        Assert.Throws<ArgumentException>(() => ProductNotifications.FrequencyEventEnded(running));
    }
}
