using System.Text.Json;
using ChargeBridge.HassModel.Client;
using ChargeBridge.Tests;

namespace ChargeBridge.HassModel.Tests;

public class HaFrameTests
{
    private static byte[] Fixture(string folder, string name) => File.ReadAllBytes(RepoPaths.SharedFile("fixtures", "home-assistant", folder, name));

    [Fact]
    public void A_frame_with_a_byte_order_mark_is_read_as_its_message()
    {
        var bytes = Fixture("netdaemon-client-testdata", "pong.json");
        Assert.Equal(0xEF, bytes[0]);
        var message = Assert.Single(HaFrame.Parse(bytes));
        Assert.Equal("pong", message.GetProperty("type").GetString());
        Assert.Equal(3, message.GetProperty("id").GetInt32());
    }

    [Fact]
    public void A_coalesced_array_frame_gives_each_message_in_order()
    {
        var messages = HaFrame.Parse(Fixture("netdaemon-client-testdata", "deviceregistry_update.json"));
        Assert.Equal(["device_registry_updated", "area_registry_updated"],
            messages.Select(m => m.GetProperty("event").GetProperty("event_type").GetString()));
    }

    [Fact]
    public void Messages_outlive_the_frame_buffer()
    {
        var bytes = Fixture("constructed", "subscribe_entities_coalesced_array.json");
        var messages = HaFrame.Parse(bytes);
        Array.Clear(bytes);
        Assert.Equal(2, messages.Count);
        Assert.Equal("event", messages[1].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("{\"id\":1,\"type\":\"res")]
    [InlineData("42")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void A_malformed_frame_is_a_json_error(string text) =>
        Assert.ThrowsAny<JsonException>(() => HaFrame.Parse(System.Text.Encoding.UTF8.GetBytes(text)));
}
