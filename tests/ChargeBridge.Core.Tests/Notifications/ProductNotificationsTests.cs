using System.Text.Json;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Notifications;

public class ProductNotificationsTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2025-07-01T12:00:00+02:00");

    private static IEnumerable<MobileNotification> Alerts() =>
    [
        ProductNotifications.ChargerCommunicationLost(true),
        ProductNotifications.BelowMinimumSoc(new Percent(12), new Percent(20), Noon, Amsterdam),
        ProductNotifications.MaxSocReached(new Percent(80)),
        ProductNotifications.NoNewSchedule(Noon, Amsterdam),
        ProductNotifications.TargetUnreachable("Trip", Noon, new Percent(90), new Percent(70), null, Amsterdam),
        ProductNotifications.KeepOrDismissEvent("Trip", "e1"),
        ProductNotifications.ReminderToConnect("Trip"),
        ProductNotifications.ChargeModeChanged("Automatic", "Pause"),
        ProductNotifications.CarDisconnected(new Percent(64)),
        ProductNotifications.SwitchToAutomatic("Pause"),
        ProductNotifications.NegativePricesAhead(new NegativePriceWindow(Noon, Noon.AddHours(2), new EnergyPrice(-0.05)), Amsterdam),
        ProductNotifications.PriceDataMissing(new PriceCoverage(Noon, Noon.AddHours(12)), Amsterdam),
    ];

    [Fact]
    public void Every_kind_of_alert_has_its_own_tag()
    {
        var tags = Alerts().Select(n => n.Tag).ToList();

        Assert.Equal(tags.Count, tags.Distinct().Count());
        Assert.All(tags, t => Assert.StartsWith("chargebridge_", t));
    }

    [Fact]
    public void Recoveries_replace_their_alert_by_sharing_its_tag()
    {
        Assert.Equal(ProductNotifications.ChargerCommunicationLost(true).Tag, ProductNotifications.ChargerCommunicationRestored().Tag);
        Assert.Equal(ProductNotifications.NoNewSchedule(Noon, Amsterdam).Tag, ProductNotifications.ScheduleRecovered().Tag);
        Assert.Equal(ProductNotifications.PriceDataMissing(new PriceCoverage(Noon, Noon), Amsterdam).Tag, ProductNotifications.PriceDataRecovered().Tag);
    }

    [Fact]
    public void Losing_the_charger_is_critical_only_while_a_car_is_connected()
    {
        Assert.True(ProductNotifications.ChargerCommunicationLost(carConnected: true).Critical);
        Assert.False(ProductNotifications.ChargerCommunicationLost(carConnected: false).Critical);
        Assert.Single(Alerts(), n => n.Critical);
    }

    [Fact]
    public void Only_what_needs_acting_on_soon_is_time_sensitive_and_nothing_is_both()
    {
        var timeSensitive = Alerts().Where(n => n.TimeSensitive).Select(n => n.Tag).Order().ToList();

        Assert.Equal(new[] { NotificationTags.BelowMinimumSoc, NotificationTags.ConnectReminder, NotificationTags.TargetUnreachable }.Order(), timeSensitive);
        Assert.DoesNotContain(Alerts(), n => n.TimeSensitive && n.Critical);
    }

    [Fact]
    public void Boosting_below_minimum_gives_the_eta_in_local_time()
    {
        var n = ProductNotifications.BelowMinimumSoc(new Percent(12.4), new Percent(20), DateTimeOffset.Parse("2025-12-01T15:40:00Z"), Amsterdam);

        Assert.Contains("12 %", n.Message);
        Assert.Contains("20 %", n.Message);
        Assert.Contains("16:40", n.Message);
    }

    [Fact]
    public void An_unreachable_target_states_minutes_late_or_the_reachable_soc()
    {
        var late = ProductNotifications.TargetUnreachable("Work", Noon, new Percent(90), new Percent(70), TimeSpan.FromMinutes(42.2), Amsterdam);
        var short_ = ProductNotifications.TargetUnreachable("Work", Noon, new Percent(90), new Percent(70), null, Amsterdam);

        Assert.Contains("43 minutes late", late.Message);
        Assert.Contains("\"Work\" at 12:00", late.Message);
        Assert.Contains("only 70 %", short_.Message);
    }

    [Fact]
    public void Negative_prices_state_the_window_and_expire_with_it()
    {
        var n = ProductNotifications.NegativePricesAhead(
            new NegativePriceWindow(DateTimeOffset.Parse("2025-05-11T11:00:00Z"), DateTimeOffset.Parse("2025-05-11T14:00:00Z"), new EnergyPrice(-0.0812)), Amsterdam);

        Assert.Contains("from 13:00 to 16:00", n.Message);
        Assert.Contains("-0.081", n.Message);
        Assert.Equal(TimeSpan.FromHours(3), n.TimeToLive);
    }

    [Fact]
    public void Missing_price_data_says_until_when_prices_are_known()
    {
        var n = ProductNotifications.PriceDataMissing(new PriceCoverage(DateTimeOffset.Parse("2025-05-11T22:00:00Z"), DateTimeOffset.Parse("2025-05-12T22:00:00Z")), Amsterdam);

        Assert.Contains("until 00:00", n.Message);
    }

    [Fact]
    public void The_keep_or_dismiss_buttons_answer_with_the_event()
    {
        var n = ProductNotifications.KeepOrDismissEvent("Trip", "evt-42@calendar");

        var answers = n.Buttons.Select(b => NotificationAnswer.Parse(Event($$"""{"action":"{{b.Action}}","tag":"{{n.Tag}}"}"""))).ToList();

        Assert.Equal([NotificationChoice.KeepEvent, NotificationChoice.DismissEvent], answers.Select(a => a!.Choice));
        Assert.All(answers, a => Assert.Equal("evt-42@calendar", a!.EventId));
    }

    [Fact]
    public void The_switch_to_automatic_buttons_answer_with_the_choice()
    {
        var choices = ProductNotifications.SwitchToAutomatic("Pause").Buttons
            .Select(b => NotificationAnswer.Parse(Event($$"""{"action":"{{b.Action}}"}"""))!.Choice);

        Assert.Equal([NotificationChoice.SwitchToAutomatic, NotificationChoice.KeepMode], choices);
    }

    private static JsonElement Event(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
