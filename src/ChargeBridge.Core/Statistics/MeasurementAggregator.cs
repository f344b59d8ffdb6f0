namespace ChargeBridge.Core.Statistics;

/// <summary>
/// Turns charger samples into 5-minute time-weighted averages. Each sample holds until the next one, but no longer
/// than <see cref="MaxHold"/>: when samples stop (process down), the unobserved time is left out instead of being
/// filled with a stale value, and an interval nobody observed is not produced at all.
/// </summary>
public sealed class MeasurementAggregator
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    private MeasurementSample? _last;
    private DateTimeOffset _current = DateTimeOffset.MinValue;
    private double _powerWattSeconds, _socPercentSeconds, _availableSeconds, _coveredSeconds;

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
    }

    private void Complete(List<MeasurementInterval> completed)
    {
        if (_coveredSeconds > 0)
            completed.Add(new MeasurementInterval(_current, _powerWattSeconds / _coveredSeconds / 1_000_000,
                _socPercentSeconds / _coveredSeconds, _availableSeconds / _coveredSeconds * 100));
        _powerWattSeconds = _socPercentSeconds = _availableSeconds = _coveredSeconds = 0;
        _current = DateTimeOffset.MinValue;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
