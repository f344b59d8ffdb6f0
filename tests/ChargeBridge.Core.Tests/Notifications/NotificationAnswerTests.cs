using System.Text.Json;
using ChargeBridge.Core.Notifications;

namespace ChargeBridge.Core.Tests.Notifications;

public class NotificationAnswerTests
{
    private static NotificationAnswer? Parse(string json) => NotificationAnswer.Parse(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Reply_text_and_tag_are_kept()
    {
        var answer = Parse("""{"action":"CHARGEBRIDGE_DISMISS_EVENT:abc","reply_text":"back at 6","tag":"chargebridge_event_still_connected","action_1_key":"x"}""");

        Assert.Equal(new NotificationAnswer(NotificationChoice.DismissEvent, "abc", "back at 6", "chargebridge_event_still_connected"), answer);
    }

    [Theory]
    [InlineData("""{"action":"ALARM"}""")]
    [InlineData("""{"action":"CHARGEBRIDGE_REBOOT_EVERYTHING"}""")]
    [InlineData("""{"action":"CHARGEBRIDGE_KEEP_EVENT"}""")]
    [InlineData("""{"action":"CHARGEBRIDGE_KEEP_EVENT:"}""")]
    [InlineData("""{"action":"CHARGEBRIDGE_SWITCH_TO_AUTOMATIC:x"}""")]
    [InlineData("""{"action":42}""")]
    [InlineData("""{"tag":"chargebridge_switch_to_automatic"}""")]
    [InlineData("""["CHARGEBRIDGE_KEEP_MODE"]""")]
    [InlineData("null")]
    public void Unknown_or_malformed_answers_are_ignored(string json)
    {
        Assert.Null(Parse(json));
    }

    [Fact]
    public void An_event_id_may_itself_contain_colons()
    {
        var answer = Parse("""{"action":"CHARGEBRIDGE_KEEP_EVENT:uid:2025-07-01"}""");

        Assert.Equal((NotificationChoice.KeepEvent, "uid:2025-07-01"), (answer!.Choice, answer.EventId));
    }
}
