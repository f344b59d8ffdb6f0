using ChargeBridge.Core.Notifications;

namespace ChargeBridge.Core.Tests.Notifications;

public class NotificationOutboxTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly NotificationOutbox _outbox = new();

    private static SendNotification Send(string tag, string title = "t") => new(new MobileNotification(tag, title, "m"));

    private IEnumerable<(string Target, NotificationCommand Command)> Pending => _outbox.Pending.Select(p => (p.Target, p.Command));

    [Fact]
    public void Commands_wait_per_target_in_the_order_they_came_until_each_is_removed()
    {
        var a = Send("a");
        var b = new ClearNotification("b");
        _outbox.Add(a, ["phone", "tablet"], At);
        _outbox.Add(b, ["phone", "tablet"], At);
        Assert.Equal([("phone", a), ("tablet", a), ("phone", b), ("tablet", b)], Pending);

        _outbox.Remove(_outbox.Pending[0]);
        Assert.Equal([("tablet", a), ("phone", b), ("tablet", b)], Pending);
    }

    [Fact]
    public void A_newer_command_under_the_same_tag_replaces_the_pending_one_and_goes_last()
    {
        _outbox.Add(Send("fault", "lost"), ["phone"], At);
        _outbox.Add(Send("mode"), ["phone"], At);
        var restored = Send("fault", "restored");
        _outbox.Add(restored, ["phone"], At);
        Assert.Equal(["mode", "fault"], _outbox.Pending.Select(p => p.Command.Tag));
        Assert.Same(restored, _outbox.Pending[1].Command);

        var clear = new ClearNotification("fault");
        _outbox.Add(clear, ["phone"], At);
        Assert.Equal([("phone", (NotificationCommand)Send("mode")), ("phone", clear)], Pending);
    }

    [Fact]
    public void A_command_for_one_target_leaves_another_targets_pending_ones_alone()
    {
        var old = Send("fault", "lost");
        _outbox.Add(old, ["phone", "tablet"], At);
        _outbox.Remove(_outbox.Pending[0]);
        var clear = new ClearNotification("fault");
        _outbox.Add(clear, ["phone"], At);
        Assert.Equal([("tablet", (NotificationCommand)old), ("phone", clear)], Pending);
    }

    [Fact]
    public void A_notification_that_waited_past_its_time_to_live_expires_and_one_without_waits_on()
    {
        var shortLived = new SendNotification(new MobileNotification("mode", "t", "m") { TimeToLive = TimeSpan.FromHours(1) });
        var lasting = Send("fault");
        _outbox.Add(shortLived, ["phone"], At);
        _outbox.Add(lasting, ["phone"], At);
        Assert.Empty(_outbox.Expire(At.AddMinutes(59)));
        Assert.Equal([shortLived], _outbox.Expire(At.AddHours(1)).Select(p => p.Command));
        Assert.Equal([lasting], _outbox.Pending.Select(p => p.Command));
        Assert.Empty(_outbox.Expire(At.AddDays(2)));
    }
}
