namespace ChargeBridge.HassModel.Client;

/// <summary>Delays between reconnect attempts: the first delay, doubling up to the maximum, back to the first after a
/// good connection.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan first, TimeSpan max)
    {
        _first = _next = first;
        _max = max;
    }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _max.Ticks));
        return delay;
    }

    public void Reset() => _next = _first;
}
