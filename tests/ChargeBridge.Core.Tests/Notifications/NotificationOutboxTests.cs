using ChargeBridge.Core.Notifications;

namespace ChargeBridge.Core.Tests.Notifications;

public class NotificationOutboxTests
{
    private readonly NotificationOutbox _outbox = new();

    private static SendNotification Send(string tag, string title = "t") => new(new MobileNotification(tag, title, "m"));

    private IEnumerable<(string Target, NotificationCommand Command)> Pending => _outbox.Pending.Select(p => (p.Target, p.Command));

    [Fact]
    public void Commands_wait_per_target_in_the_order_they_came_until_each_is_removed()
    {
        var a = Send("a");
        var b = new ClearNotification("b");
        _outbox.Add(a, ["phone", "tablet"]);
        _outbox.Add(b, ["phone", "tablet"]);
        Assert.Equal([("phone", a), ("tablet", a), ("phone", b), ("tablet", b)], Pending);

        _outbox.Remove(_outbox.Pending[0]);
        Assert.Equal([("tablet", a), ("phone", b), ("tablet", b)], Pending);
    }

    [Fact]
    public void A_newer_command_under_the_same_tag_replaces_the_pending_one_and_goes_last()
    {
        _outbox.Add(Send("fault", "lost"), ["phone"]);
        _outbox.Add(Send("mode"), ["phone"]);
        var restored = Send("fault", "restored");
        _outbox.Add(restored, ["phone"]);
        Assert.Equal(["mode", "fault"], _outbox.Pending.Select(p => p.Command.Tag));
        Assert.Same(restored, _outbox.Pending[1].Command);

        var clear = new ClearNotification("fault");
        _outbox.Add(clear, ["phone"]);
        Assert.Equal([("phone", (NotificationCommand)Send("mode")), ("phone", clear)], Pending);
    }

    [Fact]
    public void A_command_for_one_target_leaves_another_targets_pending_ones_alone()
    {
        var old = Send("fault", "lost");
        _outbox.Add(old, ["phone", "tablet"]);
        _outbox.Remove(_outbox.Pending[0]);
        var clear = new ClearNotification("fault");
        _outbox.Add(clear, ["phone"]);
        Assert.Equal([("tablet", (NotificationCommand)old), ("phone", clear)], Pending);
    }
}
