using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The surplus samples of the last <see cref="Window"/> in a fixed-size ring, and the damped target
/// mean − k·stddev over them. Adding a sample allocates nothing.
/// </summary>
public sealed class PvSurplusDampingWindow
{
    private readonly DateTimeOffset[] _at;
    private readonly double[] _watts;
    private readonly double _k;
    private int _first;
    private int _count;

    public PvSurplusDampingWindow(TimeSpan window, double k, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Window = window;
        _k = k;
        _at = new DateTimeOffset[capacity];
        _watts = new double[capacity];
    }

    /// <summary>How far back samples count.</summary>
    public TimeSpan Window { get; }

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

    /// <summary>mean − k·stddev (population) of the samples; zero when there are none.</summary>
    public Power Damped()
    {
        if (_count == 0) return Power.Zero;
        double sum = 0;
        for (var i = 0; i < _count; i++) sum += _watts[(_first + i) % _watts.Length];
        var mean = sum / _count;
        double squares = 0;
        for (var i = 0; i < _count; i++)
        {
            var d = _watts[(_first + i) % _watts.Length] - mean;
            squares += d * d;
        }
        return Power.FromWatts(mean - _k * Math.Sqrt(squares / _count));
    }

    private void Drop()
    {
        _first = (_first + 1) % _at.Length;
        _count--;
    }
}
