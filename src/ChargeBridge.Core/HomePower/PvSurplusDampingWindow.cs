using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The surplus samples of the last <see cref="Window"/> in a fixed-size ring, with the PV power of each when known, and
/// the damped target level − k·stddev. Without PV readings the level is the mean of the last <see cref="Level"/> (the
/// whole window by default) and the spread the population standard deviation of the window's surplus. With a PV
/// reading for every sample the spread is that of the (smoothed) PV alone, so the house's loads do not lower the
/// target, and the level is the mean of the last <see cref="LevelWithPv"/> (a short one, following the house's loads)
/// under a steady sky, moving towards the <see cref="Level"/> one as the PV's spread reaches the cloudy spread, so
/// clouds do not move the set point with them; the margin k·spread is scaled by the same cloudiness, so a clear sky
/// is followed at its level and only clouds keep the target below it. Adding a sample and reading the target allocate nothing.
/// </summary>
public sealed class PvSurplusDampingWindow
{
    private readonly DateTimeOffset[] _at;
    private readonly double[] _watts;
    private readonly double[] _pv;
    private readonly double _k;
    private int _first;
    private int _count;
    private int _pvCount;
    private readonly TimeSpan _pvSmoothing;
    private readonly double _cloudySpread;
    private double _pvSmoothed = double.NaN;
    private DateTimeOffset _pvAt;

    public PvSurplusDampingWindow(TimeSpan window, double k, int capacity, TimeSpan? level = null, TimeSpan? levelWithPv = null,
        TimeSpan pvSmoothing = default, double cloudySpreadWatts = 0)
    {
        _cloudySpread = cloudySpreadWatts;
        _pvSmoothing = pvSmoothing;
        Level = level is { } l && l < window ? l : window;
        LevelWithPv = levelWithPv is { } p && p < window ? p : Level;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Window = window;
        _k = k;
        _at = new DateTimeOffset[capacity];
        _watts = new double[capacity];
        _pv = new double[capacity];
    }

    /// <summary>How far back samples count.</summary>
    public TimeSpan Window { get; }

    /// <summary>How far back the level (the mean the spread is taken from) reaches.</summary>
    public TimeSpan Level { get; }

    /// <summary>How far back the level reaches while every sample has its PV power.</summary>
    public TimeSpan LevelWithPv { get; }

    /// <summary>The samples in the window now.</summary>
    public int Count => _count;

    /// <summary>Adds the surplus (and the PV power, when known) at <paramref name="at"/> and drops samples older than
    /// the window (or the oldest when full).</summary>
    public void Add(DateTimeOffset at, Power surplus, Power? pv = null)
    {
        while (_count > 0 && at - _at[_first] > Window) Drop();
        if (_count == _at.Length) Drop();
        var index = (_first + _count) % _at.Length;
        _at[index] = at;
        _watts[index] = surplus.Watts;
        _pv[index] = Smooth(at, pv);
        if (pv is not null) _pvCount++;
        _count++;
    }

    /// <summary>Forgets all samples, e.g. when the meter went stale and the old ones say nothing about now.</summary>
    public void Clear()
    {
        _first = 0;
        _count = 0;
        _pvCount = 0;
        _pvSmoothed = double.NaN;
    }

    /// <summary>The PV power smoothed over the smoothing time (an exponential mean), so its spread is that of clouds
    /// over minutes, not of second-to-second noise a charger cannot follow anyway; NaN when unknown.</summary>
    private double Smooth(DateTimeOffset at, Power? pv)
    {
        if (pv is not { } p) return _pvSmoothed = double.NaN;
        var share = _pvSmoothing <= TimeSpan.Zero || double.IsNaN(_pvSmoothed) ? 1 : Math.Clamp((at - _pvAt) / _pvSmoothing, 0, 1);
        _pvAt = at;
        return _pvSmoothed = double.IsNaN(_pvSmoothed) ? p.Watts : _pvSmoothed + (p.Watts - _pvSmoothed) * share;
    }

    /// <summary>The level less k · the spread (see the class); zero when there are no samples.</summary>
    public Power Damped()
    {
        if (_count == 0) return Power.Zero;
        var withPv = _pvCount == _count;
        double sum = 0, levelSum = 0, shortSum = 0;
        int levelCount = 0, shortCount = 0;
        var newest = _at[(_first + _count - 1) % _at.Length];
        var spreadOf = withPv ? _pv : _watts;
        for (var i = 0; i < _count; i++)
        {
            var index = (_first + i) % _watts.Length;
            sum += spreadOf[index];
            var age = newest - _at[index];
            if (age <= Level) { levelSum += _watts[index]; levelCount++; }
            if (age <= LevelWithPv) { shortSum += _watts[index]; shortCount++; }
        }
        var mean = sum / _count;
        double squares = 0;
        for (var i = 0; i < _count; i++)
        {
            var d = spreadOf[(_first + i) % _watts.Length] - mean;
            squares += d * d;
        }
        var spread = Math.Sqrt(squares / _count);
        var level = levelSum / levelCount;
        if (withPv)
        {
            // A clear sky follows the house on the short level; the cloudier, the more the long level holds the set point.
            var cloudy = _cloudySpread > 0 ? Math.Min(1, spread / _cloudySpread) : 0;
            level = shortSum / shortCount + (level - shortSum / shortCount) * cloudy;
            // The margin below the level grows with the cloudiness too: a clear sky's slow drift and noise are no cloud.
            if (_cloudySpread > 0) return Power.FromWatts(level - _k * cloudy * spread);
        }
        return Power.FromWatts(level - _k * spread);
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
        if (!double.IsNaN(_pv[_first])) _pvCount--;
        _first = (_first + 1) % _at.Length;
        _count--;
    }
}
