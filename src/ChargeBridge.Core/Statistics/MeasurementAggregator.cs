using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// Turns charger samples into 5-minute time-weighted averages. Each sample holds until the next one, but no longer
/// than <see cref="MaxHold"/>: when samples stop (process down), the unobserved time is left out instead of being
/// filled with a stale value, and an interval nobody observed is not produced at all. The site's grid and loadpoints'
/// power, when samples carry them, are averaged over the same time; an interval with any observed second without a site
/// reading has no site average (its energy cannot be split by source).
/// </summary>
public sealed class MeasurementAggregator
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    private MeasurementSample? _last;
    private DateTimeOffset _current = DateTimeOffset.MinValue;
    private double _powerWattSeconds, _socPercentSeconds, _availableSeconds, _coveredSeconds;
    private double _gridWattSeconds, _loadpointsWattSeconds, _siteSeconds;

    /// <summary>Adds a sample (in time order) and returns the intervals it completed, oldest first.</summary>
    public IReadOnlyList<MeasurementInterval> Add(MeasurementSample sample)
    {
        var completed = new List<MeasurementInterval>();
        if (_last is { } last)
        {
            if (sample.At < last.At)
                throw new ArgumentException($"sample at {sample.At:O} is older than the previous one at {last.At:O}", nameof(sample));
            var holdEnd = sample.At < last.At + MaxHold ? sample.At : last.At + MaxHold;
            for (var from = last.At; from < holdEnd;)
            {
                var to = Min(IntervalStart(from) + Interval, holdEnd);
                Accumulate(last, from, to, completed);
                from = to;
            }
        }
        if (_current != DateTimeOffset.MinValue && _current + Interval <= sample.At)
            Complete(completed);
        _last = sample;
        return completed;
    }

    public static DateTimeOffset IntervalStart(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % Interval.Ticks, TimeSpan.Zero);

    private void Accumulate(MeasurementSample sample, DateTimeOffset from, DateTimeOffset to, List<MeasurementInterval> completed)
    {
        var start = IntervalStart(from);
        if (start != _current)
        {
            if (_coveredSeconds > 0) Complete(completed);
            _current = start;
        }
        var seconds = (to - from).TotalSeconds;
        _powerWattSeconds += sample.Power.Watts * seconds;
        _socPercentSeconds += sample.Soc.Value * seconds;
        if (sample.Available) _availableSeconds += seconds;
        _coveredSeconds += seconds;
        if (sample.Site is { } site && double.IsFinite(site.Grid.Watts) && double.IsFinite(site.Loadpoints.Watts))
        {
            _gridWattSeconds += site.Grid.Watts * seconds;
            _loadpointsWattSeconds += site.Loadpoints.Watts * seconds;
            _siteSeconds += seconds;
        }
    }

    private void Complete(List<MeasurementInterval> completed)
    {
        if (_coveredSeconds > 0)
        {
            // The same seconds are added to both sums, so they are equal exactly when every observed second had a site reading.
            SitePower? site = _siteSeconds >= _coveredSeconds
                ? new SitePower(Power.FromWatts(_gridWattSeconds / _coveredSeconds), Power.FromWatts(_loadpointsWattSeconds / _coveredSeconds))
                : null;
            completed.Add(new MeasurementInterval(_current, _powerWattSeconds / _coveredSeconds / 1_000_000,
                _socPercentSeconds / _coveredSeconds, _availableSeconds / _coveredSeconds * 100, site));
        }
        _powerWattSeconds = _socPercentSeconds = _availableSeconds = _coveredSeconds = 0;
        _gridWattSeconds = _loadpointsWattSeconds = _siteSeconds = 0;
        _current = DateTimeOffset.MinValue;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
