using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>The actual SoC over the last <see cref="Span"/>, one point per 5-minute interval (the latest reading in it),
/// for the chart's SoC line.</summary>
internal sealed class SocHistory
{
    public static readonly TimeSpan Span = TimeSpan.FromHours(24);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly List<ChartPoint> _points = [];

    public IReadOnlyList<ChartPoint> Points => _points;

    public void Add(DateTimeOffset now, Percent? soc)
    {
        if (soc is not { } known) return;
        var slot = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Interval.Ticks, TimeSpan.Zero);
        var point = new ChartPoint(slot, Math.Round(known.Value, 1));
        if (_points.Count > 0 && _points[^1].Time == slot) _points[^1] = point;
        else _points.Add(point);
        _points.RemoveAll(p => p.Time <= now - Span);
    }
}
