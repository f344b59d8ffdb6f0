using System.Text.Json;
using ChargeBridge.Core.Notifications;

namespace ChargeBridge.Core.Tests.Notifications;

public class MobileNotificationTests
{
    [Fact]
    public void A_critical_notification_sets_the_ios_and_android_critical_fields()
    {
        var json = new MobileNotification("t1", "Title", "Body") { Critical = true, TimeToLive = TimeSpan.FromHours(1) }.ToServiceData().ToJsonString();

        Assert.Equal(
            """{"title":"Title","message":"Body","data":{"tag":"t1","group":"ChargeBridge","url":"/chargebridge-car","clickAction":"/chargebridge-car","ttl":0,"priority":"high","channel":"alarm_stream","push":{"sound":{"name":"default","critical":1,"volume":1}}}}""",
            json);
    }

    [Fact]
    public void An_ordinary_notification_has_its_tag_group_tap_action_own_channel_and_ttl_in_seconds_and_no_priority()
    {
        var json = new MobileNotification("t2", "Title", "Body") { TimeToLive = TimeSpan.FromMinutes(90) }.ToServiceData().ToJsonString();

        Assert.Equal(
            """{"title":"Title","message":"Body","data":{"tag":"t2","group":"ChargeBridge","url":"/chargebridge-car","clickAction":"/chargebridge-car","channel":"ChargeBridge","ttl":5400}}""",
            json);
    }

    [Fact]
    public void A_time_sensitive_notification_breaks_through_a_focus_on_ios_and_is_high_priority_on_android()
    {
        var data = new MobileNotification("t6", "Title", "Body") { TimeSensitive = true }.ToServiceData()["data"]!;

        Assert.Equal("time-sensitive", data["push"]!["interruption-level"]!.GetValue<string>());
        Assert.Equal("high", data["priority"]!.GetValue<string>());
        Assert.Equal("ChargeBridge", data["channel"]!.GetValue<string>());
    }

    [Fact]
    public void Buttons_become_the_actions_list()
    {
        var data = new MobileNotification("t3", "Title", "Body") { Buttons = [new("A", "Yes"), new("B", "No")] }.ToServiceData();

        Assert.Equal("""[{"action":"A","title":"Yes"},{"action":"B","title":"No"}]""", data["data"]!["actions"]!.ToJsonString());
    }

    [Fact]
    public void Clearing_sends_clear_notification_with_the_tag()
    {
        Assert.Equal("""{"message":"clear_notification","data":{"tag":"t4"}}""", MobileNotification.ClearData("t4").ToJsonString());
    }

    [Fact]
    public void The_service_is_notify_mobile_app_of_the_device()
    {
        Assert.Equal(("notify", "mobile_app_pixel_8"), MobileNotification.ServiceFor("pixel_8"));
    }

    [Fact]
    public void Service_data_serialises_through_the_ha_client_path_as_plain_json()
    {
        object data = new MobileNotification("t5", "T", "M").ToServiceData();

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(data));

        Assert.Equal("t5", doc.RootElement.GetProperty("data").GetProperty("tag").GetString());
    }
}
