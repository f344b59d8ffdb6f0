namespace ChargeBridge.Tests;

/// <summary>Waits for something another thread or process does (socket I/O), failing instead of hanging.</summary>
public static class Wait
{
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (guard.IsCancellationRequested) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(1);
        }
    }
}
