namespace ChargeBridge.Core.Planning;

/// <summary>
/// A continuous piecewise-linear function on [0, width], convex or not, given by its breakpoints. The planner's exact
/// dynamic programme uses it where a slot's charge is cheaper than its discharge earns (negative prices): there the
/// one-set-point choice "charge or discharge" makes the value function non-convex, which
/// <see cref="ConvexPiecewiseLinear"/> cannot hold. Every operation is exact up to floating-point rounding.
/// </summary>
internal sealed class PiecewiseLinear
{
    private const double Epsilon = 1e-12;
    private readonly double[] _x;
    private readonly double[] _y;

    private PiecewiseLinear(double[] x, double[] y) => (_x, _y) = (x, y);

    /// <summary>slope × x on [0, <paramref name="width"/>].</summary>
    public static PiecewiseLinear Linear(double width, double slope) => new([0, width], [0, slope * width]);

    public double Width => _x[^1];

    /// <summary>How many breakpoints it has (both ends included).</summary>
    public int Count => _x.Length;

    public double At(double x)
    {
        if (x <= 0) return _y[0];
        if (x >= Width) return _y[^1];
        var i = Array.BinarySearch(_x, x);
        if (i >= 0) return _y[i];
        i = ~i;
        return Interpolate(_x[i - 1], _y[i - 1], _x[i], _y[i], x);
    }

    /// <summary>Adds penalty × max(0, floor − x).</summary>
    public PiecewiseLinear WithFloorPenalty(double floor, double penalty) =>
        floor <= 0 ? this : WithHinge(floor, x => penalty * Math.Max(0, floor - x));

    /// <summary>Adds penalty × max(0, x − ceiling).</summary>
    public PiecewiseLinear WithCeilingPenalty(double ceiling, double penalty) =>
        ceiling >= Width ? this : WithHinge(ceiling, x => penalty * Math.Max(0, x - ceiling));

    private PiecewiseLinear WithHinge(double at, Func<double, double> hinge)
    {
        var points = new Points(_x.Length + 1);
        for (var i = 0; i < _x.Length; i++)
        {
            if (i > 0 && _x[i - 1] < at && at < _x[i]) points.Add(at, At(at) + hinge(at));
            points.Add(_x[i], _y[i] + hinge(_x[i]));
        }
        return points.ToFunction();
    }

    /// <summary>
    /// One slot before the rest: min over Δ in [−discharge, charge] of cost(Δ) + f(x + Δ), the stored energy staying in
    /// [0, width], where cost is chargeSlope × Δ up and dischargeSlope × Δ down. With one set point a slot either charges
    /// or discharges, so this is the smaller of the two one-sided choices, whatever the slopes.
    /// </summary>
    public PiecewiseLinear SlotChoice(double charge, double chargeSlope, double discharge, double dischargeSlope) =>
        Min(WindowMin(chargeSlope, 0, charge), WindowMin(dischargeSlope, -discharge, 0));

    /// <summary>
    /// The stored energy to move to from <paramref name="x"/> in this slot (f being the value after it): the least of
    /// cost + f over the reachable range, the smaller move on a tie, so the plan never cycles for nothing.
    /// </summary>
    public double BestMove(double x, double charge, double chargeSlope, double discharge, double dischargeSlope)
    {
        var low = Math.Max(0, x - discharge);
        var high = Math.Min(Width, x + charge);
        var (best, bestValue) = (x, At(x));
        void Consider(double u)
        {
            var value = At(u) + (u >= x ? chargeSlope : dischargeSlope) * (u - x);
            var tolerance = Epsilon * (1 + Math.Abs(bestValue));
            if (value < bestValue - tolerance || (value <= bestValue + tolerance && Math.Abs(u - x) < Math.Abs(best - x)))
                (best, bestValue) = (u, value);
        }
        Consider(low);
        Consider(high);
        for (var i = 0; i < _x.Length; i++)
            if (_x[i] > low && _x[i] < high) Consider(_x[i]);
        return best;
    }

    /// <summary>
    /// w(x) = min over u in [x + lo, x + hi] ∩ [0, width] of f(u) + slope × (u − x) (lo ≤ 0 ≤ hi). With g(u) = f(u) + slope × u
    /// that is the window minimum of g, less slope × x. Between consecutive "events" (where a window end crosses a
    /// breakpoint or the domain's edge) each window end follows one segment of g and the breakpoints inside the window
    /// are fixed, so the minimum there is the lower envelope of two lines and a constant: exact at the events and at the
    /// lines' crossings. The breakpoints inside the window are kept in a monotone queue as both ends move right.
    /// </summary>
    private PiecewiseLinear WindowMin(double slope, double lo, double hi)
    {
        var width = Width;
        var n = _x.Length;
        var g = new double[n];
        for (var i = 0; i < n; i++) g[i] = _y[i] + slope * _x[i];
        double G(double u) => At(u) + slope * u;

        var events = new List<double>(2 * n + 4) { 0, width };
        foreach (var x in _x)
        {
            if (x - lo is var a && a > 0 && a < width) events.Add(a);
            if (x - hi is var b && b > 0 && b < width) events.Add(b);
        }
        events.Sort();

        var points = new Points(events.Count * 2);
        var queue = new int[n];
        var (head, tail, next) = (0, 0, 0);
        var previous = double.NaN;
        foreach (var q in events)
        {
            if (double.IsNaN(previous))
            {
                previous = q;
                continue;
            }
            var p = previous;
            if (q - p <= Epsilon * (1 + width)) continue;
            previous = q;
            var mid = (p + q) / 2;
            var left = Math.Max(mid + lo, 0);
            var right = Math.Min(mid + hi, width);
            while (next < n && _x[next] < right)
            {
                while (tail > head && g[queue[tail - 1]] >= g[next]) tail--;
                queue[tail++] = next++;
            }
            while (tail > head && _x[queue[head]] <= left) head++;
            var inside = tail > head ? g[queue[head]] : double.PositiveInfinity;

            // The window's ends at p and q: clamped ends stay put, free ones move with x.
            var (leftP, leftQ) = mid + lo > 0 ? (G(p + lo), G(q + lo)) : (G(0), G(0));
            var (rightP, rightQ) = mid + hi < width ? (G(p + hi), G(q + hi)) : (G(width), G(width));
            Envelope(points, p, q, slope, (leftP, leftQ), (rightP, rightQ), (inside, inside));
        }
        return points.ToFunction();
    }

    /// <summary>The smaller of two functions on the same domain.</summary>
    private static PiecewiseLinear Min(PiecewiseLinear f, PiecewiseLinear g)
    {
        var xs = new List<double>(f._x.Length + g._x.Length);
        xs.AddRange(f._x);
        xs.AddRange(g._x);
        xs.Sort();
        var points = new Points(xs.Count * 2);
        for (var i = 1; i < xs.Count; i++)
        {
            var (p, q) = (xs[i - 1], xs[i]);
            if (q - p <= Epsilon * (1 + f.Width)) continue;
            Envelope(points, p, q, 0, (f.At(p), f.At(q)), (g.At(p), g.At(q)), (double.PositiveInfinity, double.PositiveInfinity));
        }
        return points.ToFunction();
    }

    /// <summary>
    /// Adds the lower envelope of three lines on [p, q] (each given by its values at p and q; an infinite one is absent),
    /// less <paramref name="slope"/> × x: its values at p, q and wherever two lines cross in between.
    /// </summary>
    private static void Envelope(Points points, double p, double q, double slope, (double P, double Q) a, (double P, double Q) b, (double P, double Q) c)
    {
        double Line((double P, double Q) l, double x) => double.IsPositiveInfinity(l.P) ? double.PositiveInfinity : Interpolate(p, l.P, q, l.Q, x);
        double Lowest(double x) => Math.Min(Line(a, x), Math.Min(Line(b, x), Line(c, x)));
        Span<double> crossings = stackalloc double[3];
        var count = 0;
        foreach (var (l, m) in new[] { (a, b), (a, c), (b, c) })
        {
            if (double.IsPositiveInfinity(l.P) || double.IsPositiveInfinity(m.P)) continue;
            var (d0, d1) = (l.P - m.P, l.Q - m.Q);
            if (d0 * d1 >= 0) continue;
            var x = p + (q - p) * d0 / (d0 - d1);
            if (x > p && x < q) crossings[count++] = x;
        }
        crossings[..count].Sort();
        points.Add(p, Lowest(p) - slope * p);
        foreach (var x in crossings[..count]) points.Add(x, Lowest(x) - slope * x);
        points.Add(q, Lowest(q) - slope * q);
    }

    private static double Interpolate(double x0, double y0, double x1, double y1, double x) =>
        x1 - x0 <= 0 ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);

    /// <summary>Breakpoints in rising x; repeats and points on the line through their neighbours are dropped.</summary>
    private sealed class Points(int capacity)
    {
        private readonly List<double> _x = new(capacity);
        private readonly List<double> _y = new(capacity);

        public void Add(double x, double y)
        {
            var n = _x.Count;
            if (n > 0 && x - _x[n - 1] <= Epsilon * (1 + Math.Abs(x)))
            {
                _y[n - 1] = Math.Min(_y[n - 1], y);
                return;
            }
            if (n >= 2)
            {
                var expected = Interpolate(_x[n - 2], _y[n - 2], x, y, _x[n - 1]);
                if (Math.Abs(expected - _y[n - 1]) <= Epsilon * (1 + Math.Abs(expected)))
                {
                    _x[n - 1] = x;
                    _y[n - 1] = y;
                    return;
                }
            }
            _x.Add(x);
            _y.Add(y);
        }

        public PiecewiseLinear ToFunction() => new([.. _x], [.. _y]);
    }
}
