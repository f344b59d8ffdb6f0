namespace ChargeBridge.Core.Notifications;

/// <summary>A notification command still to be delivered to one notify target, and when it was queued.</summary>
public sealed record PendingNotification(string Target, NotificationCommand Command, DateTimeOffset Queued);

/// <summary>
/// The notification commands not yet accepted by Home Assistant, per notify target, oldest first. A command is kept
/// until it is delivered, so one sent while HA is away goes out when HA is back. A newer command under the same tag
/// supersedes a pending one (a replacement, a recovery or a clear), so nothing stale reaches the phone and nothing twice;
/// one that waited longer than its time-to-live is dropped, as the phone would drop it.
/// Not thread-safe: the caller serialises adding, expiring and removing.
/// </summary>
public sealed class NotificationOutbox
{
    private readonly List<PendingNotification> _pending = [];

    /// <summary>What is waiting, in the order to deliver it.</summary>
    public IReadOnlyList<PendingNotification> Pending => [.. _pending];

    /// <summary>Queues <paramref name="command"/> for every target, in place of any pending one under its tag.</summary>
    public void Add(NotificationCommand command, IEnumerable<string> targets, DateTimeOffset at)
    {
        foreach (var target in targets)
        {
            _pending.RemoveAll(p => p.Target == target && p.Command.Tag == command.Tag);
            _pending.Add(new PendingNotification(target, command, at));
        }
    }

    /// <summary>Takes off and returns the notifications that waited longer than their time-to-live: news no longer true.</summary>
    public IReadOnlyList<PendingNotification> Expire(DateTimeOffset now)
    {
        var expired = _pending.Where(p => p.Command is SendNotification { Notification.TimeToLive: { } ttl } && now - p.Queued >= ttl).ToList();
        foreach (var p in expired) _pending.Remove(p);
        return expired;
    }

    /// <summary>Takes <paramref name="done"/> off the queue: HA accepted it, or refused it for good.</summary>
    public void Remove(PendingNotification done) => _pending.Remove(done);
}
