namespace ChargeBridge.Core.Planning;

/// <summary>
/// A continuous piecewise-linear function on [0, width], convex or not, given by its breakpoints. The planner's exact
/// dynamic programme uses it where a slot's cost is not convex (negative prices, where charging is cheaper than
/// discharging earns; with a site, selling above buying): there the one-set-point choice "charge or discharge" and the
/// cost's kinks make the value function non-convex, which <see cref="ConvexPiecewiseLinear"/> cannot hold. Every operation is exact up to floating-point rounding.
/// </summary>
/// <remarks>
/// The planner runs hundreds of these steps on functions of 50–200 breakpoints, so the steps avoid what costs there:
/// sorted inputs are merged instead of sorted, lookups sweep forward with the merge (or a cursor) instead of searching,
/// segment slopes are taken once so a lookup needs no division, and the intermediate functions live in buffers reused
/// per thread; only each slot's result is allocated.
/// </remarks>
internal sealed class PiecewiseLinear
{
    private const double Epsilon = 1e-12;

    [ThreadStatic] private static Scratch? t_scratch;

    private readonly double[] _x;
    private readonly double[] _y;

    private PiecewiseLinear(double[] x, double[] y) => (_x, _y) = (x, y);

    /// <summary>slope × x on [0, <paramref name="width"/>].</summary>
    public static PiecewiseLinear Linear(double width, double slope) => new([0, width], [0, slope * width]);

    public double Width => _x[^1];

    public double At(double x)
    {
        if (x <= 0) return _y[0];
        if (x >= Width) return _y[^1];
        var i = Array.BinarySearch(_x, x);
        if (i >= 0) return _y[i];
        i = ~i;
        return Interpolate(_x[i - 1], _y[i - 1], _x[i], _y[i], x);
    }

    /// <summary>Adds penalty × max(0, floor − x) and penalty × max(0, x − ceiling).</summary>
    public PiecewiseLinear WithPenalties(double floor, double floorPenalty, double ceiling, double ceilingPenalty)
    {
        var points = Scratch.Get().Result;
        points.Clear();
        AddWithPenalties(points, _x, _y, _x.Length, floor, floorPenalty, ceiling, ceilingPenalty);
        return points.ToFunction();
    }

    /// <summary>
    /// The value before one slot and its node: min over Δ of cost(Δ) + f(x + Δ), the stored energy staying in [0, width],
    /// where cost is the slot's <see cref="SlotCost"/> in stored energy (ηc, ηd the efficiencies), plus the node's floor
    /// and ceiling penalties. With one set point a slot either charges or discharges, so the minimum is the smaller of
    /// the two one-sided choices, whatever the slopes.
    /// </summary>
    public PiecewiseLinear Before(SlotCost cost, double chargeEfficiency, double dischargeEfficiency,
        double floor, double floorPenalty, double ceiling, double ceilingPenalty)
    {
        var (ηc, ηd) = (chargeEfficiency, dischargeEfficiency);
        var scratch = Scratch.Get();
        var charges = cost.ChargeKwh1 + cost.ChargeKwh2 > 0;
        var discharges = cost.DischargeKwh1 + cost.DischargeKwh2 > 0;
        // A direction without room leaves only "stay", which the other direction's window holds too: skip it (the car
        // away, unpriced slots that never discharge).
        if (!charges && !discharges) return WithPenalties(floor, floorPenalty, ceiling, ceilingPenalty);
        if (charges) OneWay(cost.ChargeKwh1 * ηc, cost.ChargeWeight1 / ηc, cost.ChargeKwh2 * ηc, cost.ChargeWeight2 / ηc, 1, scratch, scratch.Charging);
        if (discharges) OneWay(cost.DischargeKwh1 / ηd, cost.DischargeWeight1 * ηd, cost.DischargeKwh2 / ηd, cost.DischargeWeight2 * ηd, -1, scratch, scratch.Discharging);
        var choice = !discharges ? scratch.Charging : !charges ? scratch.Discharging : scratch.Choice;
        if (charges && discharges) Min(scratch.Charging, scratch.Discharging, choice);
        scratch.Result.Clear();
        AddWithPenalties(scratch.Result, choice.X, choice.Y, choice.Count, floor, floorPenalty, ceiling, ceilingPenalty);
        return scratch.Result.ToFunction();
    }

    /// <summary>
    /// min over moves one way (up for <paramref name="direction"/> 1, down for −1) of cost + f(x + Δ), where the first
    /// <paramref name="near"/> units cost <paramref name="nearSlope"/> × Δ and the next <paramref name="far"/> go on at
    /// <paramref name="farSlope"/>. Where the far segment costs more (convex) an optimal move uses up the near one first,
    /// so it is the near segment's window minimum of the far one's. Where it costs less (concave) the cost is the lower
    /// of the two segments' lines over the whole range, so it is the smaller of their window minima. Both are exact.
    /// </summary>
    private void OneWay(double near, double nearSlope, double far, double farSlope, int direction, Scratch scratch, Points into)
    {
        (double Lo, double Hi) Window(double length) => direction > 0 ? (0, length) : (-length, 0);
        scratch.Prepare(_x, _y);
        if (far <= Epsilon)
        {
            var (lo, hi) = Window(near);
            WindowMin(nearSlope, lo, hi, scratch, into);
        }
        else if (direction * (farSlope - nearSlope) >= 0)
        {
            var (lo, hi) = Window(far);
            WindowMin(farSlope, lo, hi, scratch, scratch.Piece);
            var afterFar = scratch.Piece.ToFunction();
            scratch.Prepare(afterFar._x, afterFar._y);
            (lo, hi) = Window(near);
            afterFar.WindowMin(nearSlope, lo, hi, scratch, into);
        }
        else
        {
            var (lo, hi) = Window(near + far);
            WindowMin(nearSlope, lo, hi, scratch, scratch.Piece);
            WindowMin(farSlope, lo, hi, scratch, scratch.FarPiece);
            // The far segment's line meets the near one's where the near segment ends.
            scratch.FarPiece.Raise(direction * (nearSlope - farSlope) * near);
            Min(scratch.Piece, scratch.FarPiece, into);
        }
    }

    /// <summary>
    /// The stored energy to move to from <paramref name="x"/> in this slot (f being the value after it, ηc, ηd the
    /// efficiencies): the least of the slot's cost + f over the reachable range, the smaller move on a tie, so the plan
    /// never cycles for nothing. The least lies at an end, at one of f's breakpoints or at a kink of the cost.
    /// </summary>
    public double BestMove(double x, SlotCost cost, double chargeEfficiency, double dischargeEfficiency)
    {
        var (ηc, ηd) = (chargeEfficiency, dischargeEfficiency);
        var low = Math.Max(0, x - (cost.DischargeKwh1 + cost.DischargeKwh2) / ηd);
        var high = Math.Min(Width, x + (cost.ChargeKwh1 + cost.ChargeKwh2) * ηc);
        var (best, bestValue) = (x, At(x));
        void Consider(double u, double f)
        {
            var value = f + cost.Of(u >= x ? (u - x) / ηc : (u - x) * ηd);
            var tolerance = Epsilon * (1 + Math.Abs(bestValue));
            if (value < bestValue - tolerance || (value <= bestValue + tolerance && Math.Abs(u - x) < Math.Abs(best - x)))
                (best, bestValue) = (u, value);
        }
        Consider(low, At(low));
        Consider(high, At(high));
        foreach (var kink in (ReadOnlySpan<double>)[x + cost.ChargeKwh1 * ηc, x - cost.DischargeKwh1 / ηd])
            if (kink > low && kink < high) Consider(kink, At(kink));
        for (var i = 0; i < _x.Length; i++)
            if (_x[i] > low && _x[i] < high) Consider(_x[i], _y[i]);
        return best;
    }

    /// <summary>
    /// w(x) = min over u in [x + lo, x + hi] ∩ [0, width] of f(u) + slope × (u − x) (lo ≤ 0 ≤ hi), into
    /// <paramref name="points"/>. With g(u) = f(u) + slope × u that is the window minimum of g, less slope × x. Between
    /// consecutive "events" (where a window end crosses a breakpoint or the domain's edge) each window end follows one
    /// segment of g and the breakpoints inside the window are fixed, so the minimum there is the lower envelope of two
    /// lines and a constant: exact at the events and at the lines' crossings. The breakpoints inside the window are kept
    /// in a monotone queue as both ends move right.
    /// </summary>
    private void WindowMin(double slope, double lo, double hi, Scratch scratch, Points points)
    {
        var width = Width;
        var n = _x.Length;
        var (g, gSlope, queue, events) = (scratch.G, scratch.GSlope, scratch.Queue, scratch.Events);
        for (var i = 0; i < n; i++) g[i] = _y[i] + slope * _x[i];
        for (var i = 1; i < n; i++) gSlope[i] = scratch.FSlope[i] + slope;
        var eventCount = Events(lo, hi, events);

        points.Clear();
        var (head, tail, next) = (0, 0, 0);
        // One forward cursor per window end; a free end's value at q is its value at the next interval's p.
        var (leftAt, rightAt) = (1, 1);
        double leftQ = 0, rightQ = 0;
        var (leftWasFree, rightWasFree) = (false, false);
        var p = events[0];
        for (var e = 1; e < eventCount; e++)
        {
            var q = events[e];
            if (q - p <= Epsilon * (1 + width)) continue;
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
            double leftP, rightP;
            var leftFree = mid + lo > 0;
            if (leftFree)
            {
                leftP = leftWasFree ? leftQ : Along(g, gSlope, p + lo, ref leftAt);
                leftQ = Along(g, gSlope, q + lo, ref leftAt);
            }
            else leftP = leftQ = g[0];
            var rightFree = mid + hi < width;
            if (rightFree)
            {
                rightP = rightWasFree ? rightQ : Along(g, gSlope, p + hi, ref rightAt);
                rightQ = Along(g, gSlope, q + hi, ref rightAt);
            }
            else rightP = rightQ = g[n - 1];
            (leftWasFree, rightWasFree) = (leftFree, rightFree);
            Envelope(points, p, q, slope, leftP, leftQ, rightP, rightQ, inside);
            p = q;
        }
    }

    /// <summary>g(u) from its values and segment slopes at this function's breakpoints, searching forward from the cursor.</summary>
    private double Along(double[] g, double[] gSlope, double u, ref int cursor)
    {
        if (u <= 0) return g[0];
        if (u >= Width) return g[_x.Length - 1];
        while (_x[cursor] < u) cursor++;
        return _x[cursor] == u ? g[cursor] : g[cursor - 1] + gSlope[cursor] * (u - _x[cursor - 1]);
    }

    /// <summary>
    /// 0, then every x − lo and x − hi strictly inside (0, width) in rising order, then width: two sorted sequences
    /// merged. Returns how many were written.
    /// </summary>
    private int Events(double lo, double hi, double[] events)
    {
        var width = Width;
        var n = _x.Length;
        var count = 0;
        events[count++] = 0;
        var (i, j) = (0, 0);
        while (i < n || j < n)
        {
            var a = i < n ? _x[i] - lo : double.PositiveInfinity;
            var b = j < n ? _x[j] - hi : double.PositiveInfinity;
            double x;
            if (a <= b) (x, i) = (a, i + 1);
            else (x, j) = (b, j + 1);
            if (x > 0 && x < width) events[count++] = x;
        }
        events[count++] = width;
        return count;
    }

    /// <summary>The smaller of two functions on the same domain, into <paramref name="points"/>.</summary>
    private static void Min(Points f, Points g, Points points)
    {
        points.Clear();
        var width = f.X[f.Count - 1];
        var (i, j) = (0, 0);
        // Walks the merged breakpoints of both: at one of f's the other's segment is the one the merge is in.
        double p = 0, fp = 0, gp = 0;
        var first = true;
        while (i < f.Count || j < g.Count)
        {
            double q, fq, gq;
            if (j >= g.Count || (i < f.Count && f.X[i] <= g.X[j]))
            {
                (q, fq) = (f.X[i], f.Y[i]);
                i++;
                gq = Within(g, j, q);
            }
            else
            {
                (q, gq) = (g.X[j], g.Y[j]);
                j++;
                fq = Within(f, i, q);
            }
            if (!first && q - p > Epsilon * (1 + width))
                Envelope(points, p, q, 0, fp, fq, gp, gq, double.PositiveInfinity);
            (p, fp, gp, first) = (q, fq, gq, false);
        }
    }

    /// <summary>h(u) where h's breakpoint k is the first at or after u (k = Count: u is the end).</summary>
    private static double Within(Points h, int k, double u)
    {
        if (k >= h.Count) return h.Y[h.Count - 1];
        if (h.X[k] == u) return h.Y[k];
        return Interpolate(h.X[k - 1], h.Y[k - 1], h.X[k], h.Y[k], u);
    }

    /// <summary>
    /// Adds the lower envelope of two lines and a constant c on [p, q] (the lines given by their values at p and q; an
    /// infinite c is absent), less <paramref name="slope"/> × x: its values at p, q and wherever two of them cross in
    /// between. Crossings are kept as fractions t of [p, q], where a line is atP + (atQ − atP) × t: one division per
    /// crossing, none per line.
    /// </summary>
    private static void Envelope(Points points, double p, double q, double slope,
        double aP, double aQ, double bP, double bQ, double c)
    {
        var (t0, t1, t2) = (double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
        Crossing(aP - bP, aQ - bQ, ref t0, ref t1, ref t2);
        if (!double.IsPositiveInfinity(c))
        {
            Crossing(aP - c, aQ - c, ref t0, ref t1, ref t2);
            Crossing(bP - c, bQ - c, ref t0, ref t1, ref t2);
        }
        // p is nearly always the last interval's q: then only the smaller value is kept, as Points.Add would.
        points.AddOrLower(p, Math.Min(aP, Math.Min(bP, c)) - slope * p);
        if (t0 < 1) AddCrossing(t0);
        if (t1 < 1) AddCrossing(t1);
        if (t2 < 1) AddCrossing(t2);
        points.Add(q, Math.Min(aQ, Math.Min(bQ, c)) - slope * q);

        void AddCrossing(double t)
        {
            var x = p + (q - p) * t;
            points.Add(x, Math.Min(aP + (aQ - aP) * t, Math.Min(bP + (bQ - bP) * t, c)) - slope * x);
        }
    }

    /// <summary>
    /// Where two lines on [p, q], apart by d0 at p and d1 at q, cross strictly inside it, as t in (0, 1), kept in rising
    /// order in t0 ≤ t1 ≤ t2.
    /// </summary>
    private static void Crossing(double d0, double d1, ref double t0, ref double t1, ref double t2)
    {
        if (d0 * d1 >= 0) return;
        var t = d0 / (d0 - d1);
        if (!(t > 0 && t < 1)) return;
        if (t < t0) (t0, t1, t2) = (t, t0, t1);
        else if (t < t1) (t1, t2) = (t, t1);
        else t2 = t;
    }

    /// <summary>f plus the two hinges, with a breakpoint added where a hinge bends inside a segment.</summary>
    private static void AddWithPenalties(Points points, double[] xs, double[] ys, int n,
        double floor, double floorPenalty, double ceiling, double ceilingPenalty)
    {
        double Hinges(double x) => floorPenalty * Math.Max(0, floor - x) + ceilingPenalty * Math.Max(0, x - ceiling);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                var (a, b) = floor <= ceiling ? (floor, ceiling) : (ceiling, floor);
                if (xs[i - 1] < a && a < xs[i]) points.Add(a, Interpolate(xs[i - 1], ys[i - 1], xs[i], ys[i], a) + Hinges(a));
                if (xs[i - 1] < b && b < xs[i]) points.Add(b, Interpolate(xs[i - 1], ys[i - 1], xs[i], ys[i], b) + Hinges(b));
            }
            points.Add(xs[i], ys[i] + Hinges(xs[i]));
        }
    }

    private static double Interpolate(double x0, double y0, double x1, double y1, double x) =>
        x1 - x0 <= 0 ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);

    /// <summary>Breakpoints in rising x; repeats and points on the line through their neighbours are dropped.</summary>
    private sealed class Points
    {
        public double[] X = new double[256];
        public double[] Y = new double[256];
        public int Count;

        public void Clear() => Count = 0;

        /// <summary>Adds <paramref name="constant"/> to every value.</summary>
        public void Raise(double constant)
        {
            for (var i = 0; i < Count; i++) Y[i] += constant;
        }

        /// <summary><see cref="Add"/>, short-cut where x is the last point's x.</summary>
        public void AddOrLower(double x, double y)
        {
            var n = Count;
            if (n > 0 && X[n - 1] == x) Y[n - 1] = Math.Min(Y[n - 1], y);
            else Add(x, y);
        }

        public void Add(double x, double y)
        {
            var n = Count;
            if (n > 0 && x - X[n - 1] <= Epsilon * (1 + Math.Abs(x)))
            {
                Y[n - 1] = Math.Min(Y[n - 1], y);
                return;
            }
            if (n >= 2)
            {
                // The last point's distance from the line through its neighbours, times x − X[n − 2] (no division).
                var (x0, y0, span) = (X[n - 2], Y[n - 2], x - X[n - 2]);
                var off = (y0 - Y[n - 1]) * span + (y - y0) * (X[n - 1] - x0);
                if (Math.Abs(off) <= Epsilon * (1 + Math.Abs(Y[n - 1])) * span)
                {
                    X[n - 1] = x;
                    Y[n - 1] = y;
                    return;
                }
            }
            if (n == X.Length)
            {
                X = [.. X, .. new double[n]];
                Y = [.. Y, .. new double[n]];
            }
            X[n] = x;
            Y[n] = y;
            Count = n + 1;
        }

        public PiecewiseLinear ToFunction() => new(X[..Count], Y[..Count]);
    }

    /// <summary>The buffers one thread's steps reuse.</summary>
    private sealed class Scratch
    {
        public double[] FSlope { get; private set; } = [];
        public double[] G { get; private set; } = [];
        public double[] GSlope { get; private set; } = [];
        public int[] Queue { get; private set; } = [];
        public double[] Events { get; private set; } = [];

        public Points Charging { get; } = new();
        public Points Discharging { get; } = new();
        public Points Piece { get; } = new();
        public Points FarPiece { get; } = new();
        public Points Choice { get; } = new();
        public Points Result { get; } = new();

        public static Scratch Get() => t_scratch ??= new Scratch();

        /// <summary>Makes room for window minima of <paramref name="f"/> and takes its segment slopes.</summary>
        public void Prepare(double[] x, double[] y)
        {
            var n = x.Length;
            if (G.Length < n)
            {
                (FSlope, G, GSlope, Queue) = (new double[2 * n], new double[2 * n], new double[2 * n], new int[2 * n]);
                Events = new double[4 * n + 2];
            }
            for (var i = 1; i < n; i++) FSlope[i] = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
        }
    }
}
