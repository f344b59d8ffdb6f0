using System.Collections.Concurrent;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.HassModel.Tests;

/// <summary>Each app's events come through its own ordered queue: one app stuck in an observer holds up neither the
/// connection (the state cache) nor another app, and gets its events in order once it goes on.</summary>
public sealed class AppQueueTests
{
    [Fact]
    public async Task A_blocked_app_holds_up_neither_the_connection_nor_another_app_and_gets_its_events_in_order()
    {
        await using var rig = await ConnectedClient.StartAsync();
        using var slow = new HaContext(rig.Client, new FakeLogger<HaContext>(rig.Logs));
        using var other = new HaContext(rig.Client, new FakeLogger<HaContext>(rig.Logs));
        using var release = new ManualResetEventSlim();
        var slowSeen = new ConcurrentQueue<string>();
        var otherSeen = new ConcurrentQueue<string>();
        using var a = slow.StateAllChanges().Where(c => c.Entity.EntityId == "sensor.counter").Subscribe(c =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            slowSeen.Enqueue(c.New!.State!);
        });
        using var b = other.StateAllChanges().Where(c => c.Entity.EntityId == "sensor.counter").Subscribe(c => otherSeen.Enqueue(c.New!.State!));

        foreach (var value in new[] { "1", "2", "3" }) rig.Fake.SetState("sensor.counter", value);
        await HomeAssistantClientTests.WaitUntil(() => otherSeen.Count == 3);
        await HomeAssistantClientTests.WaitUntil(() => rig.Client.GetState("sensor.counter")?.State == "3");
        Assert.Empty(slowSeen);

        release.Set();
        await HomeAssistantClientTests.WaitUntil(() => slowSeen.Count == 3);
        Assert.Equal(["1", "2", "3"], slowSeen);
        Assert.Equal(["1", "2", "3"], otherSeen);
    }
}
