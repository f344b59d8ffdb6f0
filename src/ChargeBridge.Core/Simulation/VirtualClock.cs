namespace ChargeBridge.Core.Simulation;

/// <summary>A TimeProvider whose time moves only when its owner advances it (tests, the demo's simulated day); due timers fire in order of due time.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public VirtualClock() : this(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the earliest pending timer fires, or null when none is pending.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock) return _timers.Count == 0 ? null : _timers.Min(t => t.Due);
        }
    }

    /// <summary>The due times of every pending timer, earliest first (to tell a periodic wait from work in flight).</summary>
    public IReadOnlyList<DateTimeOffset> PendingDue
    {
        get
        {
            lock (_lock) return _timers.Select(t => t.Due).Order().ToList();
        }
    }

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    /// <summary>Moves to <paramref name="target"/>, firing every timer due on the way at its own due time.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            VirtualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    if (target > _now) _now = target;
                    return;
                }
                if (next.Due > _now) _now = next.Due;
                next.Reschedule(_now);
            }
            next.Fire();
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock._now + dueTime;
                clock._timers.Add(this);
            }
            return true;
        }

        /// <summary>Called under the clock's lock when this timer fires at <paramref name="now"/>.</summary>
        public void Reschedule(DateTimeOffset now)
        {
            clock._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Due = now + _period;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
