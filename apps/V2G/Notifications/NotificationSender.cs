using ChargeBridge.Core.Notifications;
using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Notifications;

/// <summary>
/// Delivers notification commands to the notify targets through a <see cref="NotificationOutbox"/>: each waits until HA
/// accepted it, oldest first, and one that HA cannot take now (it is away) is tried again on the next <see cref="Send"/>
/// unless its time-to-live ran out meanwhile. Delivery runs beside the control loop, so HA being away never holds up a
/// step while the client waits to reconnect. A call HA took but whose answer was lost is sent again: the same tag then
/// replaces it on the phone, so the user still sees it once.
/// </summary>
internal sealed class NotificationSender(IHaContext ha, IReadOnlyList<string> services, ILogger logger) : IDisposable
{
    private readonly object _lock = new();
    private readonly NotificationOutbox _outbox = new();
    private readonly CancellationTokenSource _stop = new();
    private int _delivering;

    /// <summary>Queues <paramref name="commands"/> (in place of pending ones under the same tags), drops what waited past
    /// its time-to-live by <paramref name="now"/>, and starts delivering.</summary>
    public void Send(IEnumerable<NotificationCommand> commands, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var command in commands)
            {
                logger.LogInformation("Notification {What}", Describe(command));
                _outbox.Add(command, services, now);
            }
            foreach (var expired in _outbox.Expire(now))
                logger.LogWarning("Notification {What} to {Target} dropped: not delivered within its time-to-live", Describe(expired.Command), expired.Target);
        }
        if (HasPending) Kick();
    }

    private void Kick()
    {
        if (Interlocked.Exchange(ref _delivering, 1) == 1) return;
        _ = Task.Run(DeliverAsync);
    }

    private async Task DeliverAsync()
    {
        var emptied = false;
        try
        {
            emptied = await DeliverPendingAsync(_stop.Token);
        }
        catch (Exception e)
        {
            // Nobody awaits this pass: a surprise must be seen in the log, and what waits is tried again on the next step.
            logger.LogError(e, "Notification delivery failed; retrying on the next step");
        }
        finally
        {
            Volatile.Write(ref _delivering, 0);
        }
        // A command queued while the pass was ending would otherwise wait for the next step.
        if (emptied && HasPending) Kick();
    }

    /// <summary>True when all went out; false when HA could not be reached and the rest waits.</summary>
    private async Task<bool> DeliverPendingAsync(CancellationToken ct)
    {
        while (Next() is { } next)
        {
            try
            {
                await ha.CallServiceAsync("notify", next.Target, data: ServiceData(next.Command), ct: ct);
            }
            catch (HaCommandException e)
            {
                // HA refused it (a notify target that does not exist, say): sending it again cannot help.
                logger.LogWarning("Notification {What} to {Target} refused by Home Assistant: {Reason}", Describe(next.Command), next.Target, e.Message);
            }
            catch (Exception e) when (e is HaConnectionException or OperationCanceledException)
            {
                if (!ct.IsCancellationRequested)
                    logger.LogWarning("Notifications not delivered, {Count} kept until Home Assistant answers: {Reason}", PendingCount, e.Message);
                return false;
            }
            lock (_lock) _outbox.Remove(next);
        }
        return true;
    }

    private PendingNotification? Next()
    {
        lock (_lock) return _outbox.Pending.FirstOrDefault();
    }

    private int PendingCount
    {
        get { lock (_lock) return _outbox.Pending.Count; }
    }

    private bool HasPending => PendingCount > 0;

    private static object ServiceData(NotificationCommand command) => command switch
    {
        SendNotification send => send.Notification.ToServiceData(),
        ClearNotification clear => MobileNotification.ClearData(clear.Tag),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown notification command"),
    };

    private static string Describe(NotificationCommand command) =>
        command is SendNotification send ? $"{send.Tag}: {send.Notification.Title}" : $"clear {command.Tag}";

    public void Dispose() => _stop.Cancel();
}
