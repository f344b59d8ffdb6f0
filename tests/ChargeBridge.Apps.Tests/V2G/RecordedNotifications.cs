using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The notify calls the HA fake recorded, by tag: the pushes and the clears.</summary>
internal static class RecordedNotifications
{
    public static string? Tag(JsonObject data) => data["data"]?["tag"]?.GetValue<string>();

    public static bool IsClear(JsonObject data) => data["message"]?.GetValue<string>() == "clear_notification";

    public static List<JsonObject> Pushes(HomeAssistantFake fake, string tag) =>
        fake.Notifications.Select(c => c.Data).Where(d => Tag(d) == tag && !IsClear(d)).ToList();

    public static int Clears(HomeAssistantFake fake, string tag) => fake.Notifications.Select(c => c.Data).Count(d => Tag(d) == tag && IsClear(d));
}
