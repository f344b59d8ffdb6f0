namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>
/// Virtual time that jumps forward whenever someone waits: a timer fires at once and moves the clock by its due
/// time. Polling loops then run instantly and deterministically, and the fake server sees the same clock.
/// </summary>
internal sealed class AutoAdvancingTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    private readonly List<TimeSpan> _waits = [];

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Every wait requested so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits { get { lock (_waits) return _waits.ToList(); } }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_waits) _waits.Add(dueTime);
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
