using ChargeBridge.Core.Prices;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// A price (or intensity) series as a plan reads it from a start: a gap of at most <see cref="MaxGap"/> inside the
/// series (a daylight-saving export glitch, an integration hiccup) is bridged conservatively, with the highest value
/// around it for energy bought (<see cref="High"/>) and the lowest for energy sold (<see cref="Low"/>), so a plan
/// never counts on a cheap guess; the first longer gap ends the stretch. A value that is not a finite number counts
/// as a gap: planning on it would poison the whole plan.
/// </summary>
public sealed class BridgedSeries
{
    /// <summary>The longest gap bridged; a longer one ends the stretch.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromHours(3);

    /// <summary>How far on each side of a gap the values that bound it are taken from ("the neighbouring hours").</summary>
    public static readonly TimeSpan Neighbourhood = TimeSpan.FromHours(1);

    private readonly TimePoint<double>[] _points;
    private readonly TimeSpan _resolution;
    private readonly List<(PriceGap Gap, double Low, double High)> _bridged = [];

    private BridgedSeries(TimePoint<double>[] points, TimeSpan resolution, DateTimeOffset from)
    {
        _points = points;
        _resolution = resolution;
        From = from;
        CoveredUntil = from;
        var i = IndexAtOrBefore(from);
        if (i < 0) return;
        var end = _points[i].Start + resolution;
        if (from >= end && !TryBridge(i)) return;
        if (from >= end) end = _points[++i].Start + resolution;
        while (i + 1 < _points.Length && (_points[i + 1].Start == end || TryBridge(i)))
            end = _points[++i].Start + resolution;
        CoveredUntil = end;
    }

    /// <summary>The values of <paramref name="series"/> (read with <paramref name="value"/>) from <paramref name="from"/>
    /// until about <paramref name="until"/>: only the points that can matter there are read, since a simulation plans
    /// thousands of times on a year's series.</summary>
    public static BridgedSeries Of<T>(TimeSeries<T> series, Func<T, double> value, DateTimeOffset from, DateTimeOffset until) where T : struct
    {
        var all = series.Points;
        var first = from - MaxGap - Neighbourhood - series.Resolution;
        int lo = 0, hi = all.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (all[mid].Start < first) lo = mid + 1;
            else hi = mid;
        }
        var last = until + MaxGap + Neighbourhood;
        var points = new List<TimePoint<double>>();
        for (var i = lo; i < all.Count && all[i].Start < last; i++)
        {
            var v = value(all[i].Value);
            if (double.IsFinite(v)) points.Add(new TimePoint<double>(all[i].Start, v));
        }
        return new(points.ToArray(), series.Resolution, from);
    }

    public DateTimeOffset From { get; }

    /// <summary>The end of the stretch from <see cref="From"/> with no gap longer than <see cref="MaxGap"/>; <see cref="From"/> when nothing covers it.</summary>
    public DateTimeOffset CoveredUntil { get; }

    /// <summary>The gaps bridged before <see cref="CoveredUntil"/>, in time order.</summary>
    public IReadOnlyList<PriceGap> Gaps => _bridged.Select(b => b.Gap).ToList();

    /// <summary>The value at <paramref name="at"/>, in a bridged gap the highest around it; null outside the stretch.</summary>
    public double? High(DateTimeOffset at) => ValueAt(at, high: true);

    /// <summary>The value at <paramref name="at"/>, in a bridged gap the lowest around it; null outside the stretch.</summary>
    public double? Low(DateTimeOffset at) => ValueAt(at, high: false);

    private double? ValueAt(DateTimeOffset at, bool high)
    {
        if (at < From || at >= CoveredUntil) return null;
        var i = IndexAtOrBefore(at);
        if (i >= 0 && at < _points[i].Start + _resolution) return _points[i].Value;
        foreach (var (gap, low, highest) in _bridged)
        {
            if (at >= gap.Start && at < gap.End) return high ? highest : low;
        }
        return null;
    }

    /// <summary>Bridges the gap after point <paramref name="i"/> when it is short enough and a value follows it.</summary>
    private bool TryBridge(int i)
    {
        if (i + 1 >= _points.Length) return false;
        var gap = new PriceGap(_points[i].Start + _resolution, _points[i + 1].Start);
        if (gap.End - gap.Start > MaxGap) return false;
        var around = _points
            .Where(p => p.Start + _resolution > gap.Start - Neighbourhood && p.Start < gap.End + Neighbourhood)
            .Select(p => p.Value)
            .ToList();
        _bridged.Add((gap, around.Min(), around.Max()));
        return true;
    }

    private int IndexAtOrBefore(DateTimeOffset time) => TimePointSearch.IndexAtOrBefore(_points, time);
}
