namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Runs the sensor publishing of the steps one at a time beside the control loop, so a slow or absent HA delays the
/// dashboard, never a charger command. Only the newest waiting job runs: an older one would publish states already
/// superseded. A job that fails goes to <paramref name="failed"/> and the next one runs.
/// </summary>
internal sealed class LatestPublish(Action<Exception> failed)
{
    private Func<Task>? _waiting;
    private int _running;

    /// <summary>A job is waiting or under way.</summary>
    public bool Busy => Volatile.Read(ref _running) == 1 || Volatile.Read(ref _waiting) is not null;

    public void Post(Func<Task> job)
    {
        Interlocked.Exchange(ref _waiting, job);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _waiting, null) is { } job)
            {
                try
                {
                    await job();
                }
                catch (Exception e)
                {
                    failed(e);
                }
            }
            Volatile.Write(ref _running, 0);
            // A job posted after the last look but before Running dropped would otherwise wait for the next post.
            if (Volatile.Read(ref _waiting) is null || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        }
    }
}
