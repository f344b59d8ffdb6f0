using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The surplus samples of the last <see cref="Window"/> in a fixed-size ring, and the damped target
/// level − k·stddev: the level is the mean of the last <see cref="Level"/> (the whole window by default), the spread
/// the population standard deviation of the whole window. Adding a sample and reading the target allocate nothing.
/// </summary>
public sealed class PvSurplusDampingWindow
{
    private readonly DateTimeOffset[] _at;
    private readonly double[] _watts;
    private readonly double _k;
    private int _first;
    private int _count;

    public PvSurplusDampingWindow(TimeSpan window, double k, int capacity, TimeSpan? level = null)
    {
        Level = level is { } l && l < window ? l : window;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Window = window;
        _k = k;
        _at = new DateTimeOffset[capacity];
        _watts = new double[capacity];
    }

    /// <summary>How far back samples count.</summary>
    public TimeSpan Window { get; }

    /// <summary>How far back the level (the mean the spread is taken from) reaches.</summary>
    public TimeSpan Level { get; }

    /// <summary>The samples in the window now.</summary>
    public int Count => _count;

    /// <summary>Adds the surplus at <paramref name="at"/> and drops samples older than the window (or the oldest when full).</summary>
    public void Add(DateTimeOffset at, Power surplus)
    {
        while (_count > 0 && at - _at[_first] > Window) Drop();
        if (_count == _at.Length) Drop();
        var index = (_first + _count) % _at.Length;
        _at[index] = at;
        _watts[index] = surplus.Watts;
        _count++;
    }

    /// <summary>Forgets all samples, e.g. when the meter went stale and the old ones say nothing about now.</summary>
    public void Clear()
    {
        _first = 0;
        _count = 0;
    }

    /// <summary>The mean of the samples of the last <see cref="Level"/> less k · the population standard deviation of
    /// all samples; zero when there are none.</summary>
    public Power Damped()
    {
        if (_count == 0) return Power.Zero;
        double sum = 0, levelSum = 0;
        var levelCount = 0;
        var newest = _at[(_first + _count - 1) % _at.Length];
        for (var i = 0; i < _count; i++)
        {
            var index = (_first + i) % _watts.Length;
            sum += _watts[index];
            if (newest - _at[index] <= Level) { levelSum += _watts[index]; levelCount++; }
        }
        var mean = sum / _count;
        double squares = 0;
        for (var i = 0; i < _count; i++)
        {
            var d = _watts[(_first + i) % _watts.Length] - mean;
            squares += d * d;
        }
        return Power.FromWatts(levelSum / levelCount - _k * Math.Sqrt(squares / _count));
    }

    /// <summary>The mean of the samples taken less than <paramref name="span"/> before the newest (at least the newest);
    /// zero when there are none. Allocates nothing.</summary>
    public Power MeanOf(TimeSpan span)
    {
        if (_count == 0) return Power.Zero;
        var newest = _at[(_first + _count - 1) % _at.Length];
        double sum = 0;
        var n = 0;
        for (var i = _count - 1; i >= 0; i--)
        {
            var index = (_first + i) % _at.Length;
            if (n > 0 && newest - _at[index] >= span) break;
            sum += _watts[index];
            n++;
        }
        return Power.FromWatts(sum / n);
    }

    private void Drop()
    {
        _first = (_first + 1) % _at.Length;
        _count--;
    }
}
