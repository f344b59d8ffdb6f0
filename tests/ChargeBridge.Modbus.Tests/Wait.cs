namespace ChargeBridge.Tests;

/// <summary>Waits for something another thread or process does (socket I/O), failing instead of hanging.</summary>
public static class Wait
{
    public static Task Until(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary><see cref="Until"/> for a condition that is itself asked over I/O (an HTTP query, a probe).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (guard.IsCancellationRequested) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(1);
        }
    }
}
