namespace ChargeBridge.Apps.V2G;

/// <summary>
/// A read the control step must not wait for (HA may answer a call late or never): the step starts it when due and
/// goes on with what was read before. A read that finishes at once hands its result to the step that started it; one
/// that finishes later hands it over then and wakes the loop when <paramref name="onResult"/> says the result changed
/// something. One read at a time; the read itself handles its errors.
/// </summary>
internal sealed class BackgroundRead<T>(Func<T, bool> onResult, Action wake)
{
    private int _running;

    /// <summary>A read is under way (tests and the demo wait for the step it wakes).</summary>
    public bool Running => Volatile.Read(ref _running) == 1;

    /// <summary>Starts <paramref name="read"/> unless one is under way.</summary>
    public void Start(Func<Task<T>> read)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return;
        var task = read();
        if (task.IsCompleted)
        {
            if (task.IsCompletedSuccessfully) onResult(task.Result);
            Volatile.Write(ref _running, 0);
            return;
        }
        _ = task.ContinueWith(t =>
        {
            // Woken before Running drops, so the loop never looks idle between the result and the step it starts.
            if (t.IsCompletedSuccessfully && onResult(t.Result)) wake();
            Volatile.Write(ref _running, 0);
        }, TaskScheduler.Default);
    }
}
