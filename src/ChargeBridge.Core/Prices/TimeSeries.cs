namespace ChargeBridge.Core.Prices;

/// <summary>One value of a <see cref="TimeSeries{T}"/>, valid from <see cref="Start"/> for the series' resolution.</summary>
public readonly record struct TimePoint<T>(DateTimeOffset Start, T Value);

/// <summary>
/// A step series at one resolution (for example 15 or 60 minutes): each point holds from its start for one
/// resolution. Points are kept on the absolute time line, so daylight-saving days (23 or 25 local hours) need no
/// special case; a missing point is a gap, not an error.
/// </summary>
public sealed class TimeSeries<T> where T : struct
{
    private readonly TimePoint<T>[] _points;

    public TimeSeries(IEnumerable<TimePoint<T>> points, TimeSpan resolution)
    {
        if (resolution <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be positive");
        _points = points.OrderBy(p => p.Start).ToArray();
        for (var i = 1; i < _points.Length; i++)
        {
            if (_points[i].Start - _points[i - 1].Start < resolution)
                throw new ArgumentException(
                    $"points at {_points[i - 1].Start:O} and {_points[i].Start:O} overlap at resolution {resolution}",
                    nameof(points));
        }
        Resolution = resolution;
    }

    public TimeSpan Resolution { get; }
    public IReadOnlyList<TimePoint<T>> Points => _points;

    /// <summary>The value valid at <paramref name="time"/>, or null in a gap or outside the series.</summary>
    public T? ValueAt(DateTimeOffset time)
    {
        var i = IndexAtOrBefore(time);
        return i >= 0 && time < _points[i].Start + Resolution ? _points[i].Value : null;
    }

    /// <summary>The end of the gap-free stretch of values that covers <paramref name="from"/>, or <paramref name="from"/> itself when no value covers it.</summary>
    public DateTimeOffset CoveredUntil(DateTimeOffset from)
    {
        var i = IndexAtOrBefore(from);
        if (i < 0 || from >= _points[i].Start + Resolution) return from;
        while (i + 1 < _points.Length && _points[i + 1].Start == _points[i].Start + Resolution) i++;
        return _points[i].Start + Resolution;
    }

    /// <summary>The same points with each value mapped.</summary>
    public TimeSeries<TResult> Map<TResult>(Func<T, TResult> map) where TResult : struct =>
        new(_points.Select(p => new TimePoint<TResult>(p.Start, map(p.Value))), Resolution);

    /// <summary>The points that start before <paramref name="end"/>: what is known when publication stops there.</summary>
    public TimeSeries<T> Before(DateTimeOffset end) =>
        new(_points.Where(p => p.Start < end), Resolution);

    /// <summary>The points that start in [<paramref name="from"/>, <paramref name="to"/>), found by binary search.</summary>
    public TimeSeries<T> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var first = IndexAtOrBefore(from);
        if (first < 0 || _points[first].Start < from) first++;
        var last = IndexAtOrBefore(to);
        if (last >= 0 && _points[last].Start >= to) last--;
        return new(last >= first ? _points[first..(last + 1)] : [], Resolution);
    }

    /// <summary>The index of the last point starting at or before <paramref name="time"/>, or −1 when none does.</summary>
    internal int IndexAtOrBefore(DateTimeOffset time) => TimePointSearch.IndexAtOrBefore(_points, time);
}
