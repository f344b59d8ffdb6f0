namespace ChargeBridge.Core.Planning;

/// <summary>
/// A convex piecewise-linear function on [<see cref="_start"/>, start + Σ lengths]: its value at the start and its
/// segments (length, slope) in order of rising slope. The operations are the ones the planner's dynamic programme
/// needs, each keeping the function convex and exact.
/// </summary>
internal sealed class ConvexPiecewiseLinear
{
    private const double Epsilon = 1e-12;
    private double _start;
    private double _startValue;
    private double[] _length;
    private double[] _slope;
    private int _count;

    private ConvexPiecewiseLinear(double start, double startValue, double[] length, double[] slope, int count)
    {
        _start = start;
        _startValue = startValue;
        _length = length;
        _slope = slope;
        _count = count;
    }

    /// <summary>slope × x on [0, <paramref name="width"/>].</summary>
    public static ConvexPiecewiseLinear Linear(double width, double slope) => new(0, 0, [width, 0, 0, 0], [slope, 0, 0, 0], 1);

    /// <summary>The breakpoints, start to end, and the values there.</summary>
    public (double[] X, double[] Y) Breakpoints()
    {
        var (x, y) = (new double[_count + 1], new double[_count + 1]);
        (x[0], y[0]) = (_start, _startValue);
        for (var i = 0; i < _count; i++) (x[i + 1], y[i + 1]) = (x[i] + _length[i], y[i] + _slope[i] * _length[i]);
        return (x, y);
    }

    /// <summary>Adds penalty × max(0, floor − x).</summary>
    public void AddFloorPenalty(double floor, double penalty)
    {
        if (floor <= _start) return;
        _startValue += penalty * (floor - _start);
        var x = _start;
        for (var i = 0; i < _count && x < floor; i++)
        {
            if (x + _length[i] > floor + Epsilon)
            {
                Split(i, floor - x);
                _slope[i] -= penalty;
                break;
            }
            _slope[i] -= penalty;
            x += _length[i];
        }
        Normalise();
    }

    /// <summary>Adds penalty × max(0, x − ceiling).</summary>
    public void AddCeilingPenalty(double ceiling, double penalty)
    {
        if (double.IsPositiveInfinity(ceiling)) return;
        var x = _start;
        for (var i = 0; i < _count; i++)
        {
            var end = x + _length[i];
            if (end > ceiling + Epsilon)
            {
                if (x < ceiling - Epsilon)
                {
                    Split(i, ceiling - x);
                    i++;
                }
                for (var j = i; j < _count; j++) _slope[j] += penalty;
                break;
            }
            x = end;
        }
        if (_start > ceiling) _startValue += penalty * (_start - ceiling);
        Normalise();
    }

    /// <summary>
    /// Replaces f(x) by min over Δ of cost(Δ) + f(x + Δ), cost being the slot's <see cref="SlotCost"/> in stored energy
    /// (ηc, ηd the efficiencies) and convex: one slot's choice before the rest. An infimal convolution of convex
    /// functions, so the segments of the mirrored cost are merged in by slope.
    /// </summary>
    public void AddSlotChoice(SlotCost cost, double chargeEfficiency, double dischargeEfficiency)
    {
        var (c1, c2) = (cost.ChargeKwh1 * chargeEfficiency, cost.ChargeKwh2 * chargeEfficiency);
        var (s1, s2) = (cost.ChargeWeight1 / chargeEfficiency, cost.ChargeWeight2 / chargeEfficiency);
        _start -= c1 + c2;
        _startValue += s1 * c1 + s2 * c2;
        Insert(c1, -s1);
        Insert(c2, -s2);
        Insert(cost.DischargeKwh1 / dischargeEfficiency, -cost.DischargeWeight1 * dischargeEfficiency);
        Insert(cost.DischargeKwh2 / dischargeEfficiency, -cost.DischargeWeight2 * dischargeEfficiency);
    }

    /// <summary>Restricts the domain to [0, <paramref name="width"/>].</summary>
    public void ClipTo(double width)
    {
        var drop = 0;
        while (_start < 0 && drop < _count)
        {
            var cut = Math.Min(-_start, _length[drop]);
            _startValue += cut * _slope[drop];
            _start += cut;
            _length[drop] -= cut;
            if (_length[drop] <= Epsilon) drop++;
        }
        if (drop > 0)
        {
            Array.Copy(_length, drop, _length, 0, _count - drop);
            Array.Copy(_slope, drop, _slope, 0, _count - drop);
            _count -= drop;
        }
        var x = _start;
        for (var i = 0; i < _count; i++)
        {
            if (x + _length[i] >= width)
            {
                _length[i] = width - x;
                _count = i + 1;
                break;
            }
            x += _length[i];
        }
        Normalise();
    }

    /// <summary>
    /// Where moving up stops paying at <paramref name="upSlope"/> per unit and where moving down stops paying at
    /// <paramref name="downSlope"/>: the least x whose right slope is at least −upSlope, resp. −downSlope. From x,
    /// minimising f(x + Δ) + cost(Δ) means rising towards the first level, falling towards the second, or staying
    /// between them. (Where upSlope &lt; downSlope the planner allows no moving down, so only the first level counts.)
    /// </summary>
    public (double UpTo, double DownTo) Thresholds(double upSlope, double downSlope)
    {
        const double tolerance = 1e-9;
        var x = _start;
        double? upTo = null, downTo = null;
        for (var i = 0; i < _count && (upTo is null || downTo is null); i++)
        {
            if (upTo is null && _slope[i] + upSlope >= -tolerance) upTo = x;
            if (downTo is null && _slope[i] + downSlope >= -tolerance) downTo = x;
            x += _length[i];
        }
        return (upTo ?? x, downTo ?? x);
    }

    private void Split(int i, double firstLength)
    {
        EnsureRoom();
        Array.Copy(_length, i, _length, i + 1, _count - i);
        Array.Copy(_slope, i, _slope, i + 1, _count - i);
        _count++;
        _length[i + 1] = _length[i] - firstLength;
        _length[i] = firstLength;
    }

    private void Insert(double length, double slope)
    {
        if (length <= Epsilon) return;
        var i = 0;
        while (i < _count && _slope[i] < slope) i++;
        if (i < _count && Math.Abs(_slope[i] - slope) <= Epsilon)
        {
            _length[i] += length;
            return;
        }
        EnsureRoom();
        Array.Copy(_length, i, _length, i + 1, _count - i);
        Array.Copy(_slope, i, _slope, i + 1, _count - i);
        _length[i] = length;
        _slope[i] = slope;
        _count++;
    }

    /// <summary>Merges neighbours of equal slope and drops empty segments, which keeps the breakpoints few.</summary>
    private void Normalise()
    {
        var w = 0;
        for (var r = 0; r < _count; r++)
        {
            if (_length[r] <= Epsilon) continue;
            if (w > 0 && Math.Abs(_slope[w - 1] - _slope[r]) <= Epsilon)
            {
                _length[w - 1] += _length[r];
                continue;
            }
            _length[w] = _length[r];
            _slope[w] = _slope[r];
            w++;
        }
        _count = w;
    }

    private void EnsureRoom()
    {
        if (_count < _length.Length) return;
        Array.Resize(ref _length, _length.Length * 2);
        Array.Resize(ref _slope, _length.Length);
    }
}
