namespace ChargeBridge.Core.Planning;

/// <summary>
/// A continuous piecewise-linear function on an interval [start, end] of stored energy, convex or not, given by its breakpoints. The planner's exact
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

    /// <summary>The same function as <paramref name="convex"/>.</summary>
    public static PiecewiseLinear Of(ConvexPiecewiseLinear convex)
    {
        var (x, y) = convex.Breakpoints();
        var points = Scratch.Get().Result;
        points.Clear();
        for (var i = 0; i < x.Length; i++) points.Add(x[i], y[i]);
        return points.ToFunction();
    }

    public double Start => _x[0];
    public double End => _x[^1];

    public double At(double x)
    {
        if (x <= Start) return _y[0];
        if (x >= End) return _y[^1];
        var i = Array.BinarySearch(_x, x);
        if (i >= 0) return _y[i];
        i = ~i;
        return Interpolate(_x[i - 1], _y[i - 1], _x[i], _y[i], x);
    }

    /// <summary>This function on [<paramref name="from"/>, <paramref name="to"/>], within its own interval.</summary>
    public PiecewiseLinear Clip(double from, double to)
    {
        (from, to) = (Math.Max(from, Start), Math.Min(to, End));
        var points = Scratch.Get().Result;
        points.Clear();
        points.Add(from, At(from));
        for (var i = 0; i < _x.Length; i++)
            if (_x[i] > from && _x[i] < to) points.Add(_x[i], _y[i]);
        points.Add(to, At(to));
        return points.ToFunction();
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
    /// The value before one slot and its node: min over Δ of cost(Δ) + f(x + Δ), the stored energy staying in f's interval,
    /// where cost is the slot's <see cref="SlotCost"/> in stored energy (ηc, ηd the efficiencies), plus the node's floor
    /// and ceiling penalties. With one set point a slot either charges or discharges, so the minimum is the smaller of
    /// the two one-sided choices, whatever the slopes.
    /// </summary>
    public PiecewiseLinear Before(SlotCost cost, double chargeEfficiency, double dischargeEfficiency,
        double floor, double floorPenalty, double ceiling, double ceilingPenalty, double from, double to)
    {
        var (ηc, ηd) = (chargeEfficiency, dischargeEfficiency);
        var scratch = Scratch.Get();
        var charges = cost.ChargeKwh1 + cost.ChargeKwh2 > 0;
        var discharges = cost.DischargeKwh1 + cost.DischargeKwh2 > 0;
        // A direction without room leaves only "stay", which the other direction's window holds too: skip it (the car
        // away, unpriced slots that never discharge).
        if (!charges && !discharges) return Clip(from, to).WithPenalties(floor, floorPenalty, ceiling, ceilingPenalty);
        var choice = scratch.Choice;
        // One line each way (no site kink): both directions in one sweep, only where asked.
        if (cost.ChargeKwh2 <= 0 && cost.DischargeKwh2 <= 0)
        {
            WindowMin(cost.ChargeKwh1 * ηc, cost.ChargeWeight1 / ηc, cost.DischargeKwh1 / ηd, cost.DischargeWeight1 * ηd, from, to,
                new Hinges(floor, floorPenalty, ceiling, ceilingPenalty), scratch, choice);
            return choice.ToFunction();
        }
        if (charges) OneWay(cost.ChargeKwh1 * ηc, cost.ChargeWeight1 / ηc, cost.ChargeKwh2 * ηc, cost.ChargeWeight2 / ηc, 1, scratch, scratch.Charging);
        if (discharges) OneWay(cost.DischargeKwh1 / ηd, cost.DischargeWeight1 * ηd, cost.DischargeKwh2 / ηd, cost.DischargeWeight2 * ηd, -1, scratch, scratch.Discharging);
        choice = !discharges ? scratch.Charging : !charges ? scratch.Discharging : choice;
        if (charges && discharges) Min(scratch.Charging, scratch.Discharging, choice);
        return Penalised(choice, floor, floorPenalty, ceiling, ceilingPenalty).Clip(from, to);
    }

    /// <summary><paramref name="choice"/> with the node's hinges added, as a function.</summary>
    private static PiecewiseLinear Penalised(Points choice, double floor, double floorPenalty, double ceiling, double ceilingPenalty)
    {
        var result = Scratch.Get().Result;
        result.Clear();
        AddWithPenalties(result, choice.X, choice.Y, choice.Count, floor, floorPenalty, ceiling, ceilingPenalty);
        return result.ToFunction();
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
        // A window one way only: the other side's length is 0.
        void Window(PiecewiseLinear f, double length, double slope, Points points)
        {
            if (direction > 0) f.WindowMin(length, slope, 0, slope, f.Start, f.End, Hinges.None, scratch, points);
            else f.WindowMin(0, slope, length, slope, f.Start, f.End, Hinges.None, scratch, points);
        }
        if (far <= Epsilon) Window(this, near, nearSlope, into);
        else if (direction * (farSlope - nearSlope) >= 0)
        {
            Window(this, far, farSlope, scratch.Piece);
            Window(scratch.Piece.ToFunction(), near, nearSlope, into);
        }
        else
        {
            Window(this, near + far, nearSlope, scratch.Piece);
            Window(this, near + far, farSlope, scratch.FarPiece);
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
        var low = Math.Max(Start, x - (cost.DischargeKwh1 + cost.DischargeKwh2) / ηd);
        var high = Math.Min(End, x + (cost.ChargeKwh1 + cost.ChargeKwh2) * ηc);
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
    /// w(x) = min over u in [x − <paramref name="down"/>, x + <paramref name="up"/>] ∩ [start, end] of f(u) + φ(u − x),
    /// with φ(Δ) = <paramref name="upSlope"/> × Δ for Δ ≥ 0 and <paramref name="downSlope"/> × Δ below, for x in
    /// [<paramref name="from"/>, <paramref name="to"/>] (within f's interval), plus the node's <paramref name="hinges"/>,
    /// into <paramref name="points"/>: a slot's choice when each direction's cost is one line, in one sweep. Between
    /// consecutive events (x at a breakpoint, or a window end crossing one) w is the lower envelope of five lines: staying,
    /// the farthest charge and the farthest discharge (each continuous in x, clamped at the domain's ends), and the best
    /// breakpoint strictly inside each side, which two monotone queues keep as the window slides right.
    /// </summary>
    private void WindowMin(double up, double upSlope, double down, double downSlope, double from, double to, Hinges hinges,
        Scratch scratch, Points points)
    {
        var (start, end) = (Start, End);
        var n = _x.Length;
        scratch.Prepare(_x, _y);
        var (gUp, gDown, queueUp, queueDown, events, fSlope) = (scratch.GUp, scratch.GDown, scratch.QueueUp, scratch.QueueDown, scratch.Events, scratch.FSlope);
        for (var i = 0; i < n; i++)
        {
            gUp[i] = _y[i] + upSlope * _x[i];
            gDown[i] = _y[i] + downSlope * _x[i];
        }
        var eventCount = Events(up, down, from, to, hinges, events);
        var (atX, atUp, atDown) = (1, 1, 1);

        points.Clear();
        Span<double> atP = stackalloc double[5];
        Span<double> atQ = stackalloc double[5];
        var (headUp, tailUp, nextUp, headDown, tailDown, nextDown) = (0, 0, 0, 0, 0, 0);
        var p = events[0];
        var stayP = Along(_y, fSlope, p, ref atX);
        var upEnd = Math.Min(p + up, end);
        var chargeP = Along(_y, fSlope, upEnd, ref atUp) + upSlope * (upEnd - p);
        var downEnd = Math.Max(p - down, start);
        var dischargeP = Along(_y, fSlope, downEnd, ref atDown) + downSlope * (downEnd - p);
        for (var e = 1; e < eventCount; e++)
        {
            var q = events[e];
            if (q - p <= Epsilon * (1 + end)) continue;
            var mid = (p + q) / 2;
            var right = Math.Min(mid + up, end);
            while (nextUp < n && _x[nextUp] < right)
            {
                while (tailUp > headUp && gUp[queueUp[tailUp - 1]] >= gUp[nextUp]) tailUp--;
                queueUp[tailUp++] = nextUp++;
            }
            while (tailUp > headUp && _x[queueUp[headUp]] <= mid) headUp++;
            while (nextDown < n && _x[nextDown] < mid)
            {
                while (tailDown > headDown && gDown[queueDown[tailDown - 1]] >= gDown[nextDown]) tailDown--;
                queueDown[tailDown++] = nextDown++;
            }
            var left = Math.Max(mid - down, start);
            while (tailDown > headDown && _x[queueDown[headDown]] <= left) headDown++;
            // Staying, the farthest charge and the farthest discharge at q, each with its forward cursor.
            var stayQ = Along(_y, fSlope, q, ref atX);
            upEnd = Math.Min(q + up, end);
            var chargeQ = Along(_y, fSlope, upEnd, ref atUp) + upSlope * (upEnd - q);
            downEnd = Math.Max(q - down, start);
            var dischargeQ = Along(_y, fSlope, downEnd, ref atDown) + downSlope * (downEnd - q);
            var insideUp = tailUp > headUp ? gUp[queueUp[headUp]] : double.PositiveInfinity;
            var insideDown = tailDown > headDown ? gDown[queueDown[headDown]] : double.PositiveInfinity;
            var (upP, upQ) = (insideUp - upSlope * p, insideUp - upSlope * q);
            var (downP, downQ) = (insideDown - downSlope * p, insideDown - downSlope * q);
            var lowP = Math.Min(Math.Min(Math.Min(stayP, chargeP), Math.Min(dischargeP, upP)), downP);
            var lowQ = Math.Min(Math.Min(Math.Min(stayQ, chargeQ), Math.Min(dischargeQ, upQ)), downQ);
            // Mostly one line is the lowest at both ends, and so all through.
            if ((stayP == lowP && stayQ == lowQ) || (chargeP == lowP && chargeQ == lowQ) || (dischargeP == lowP && dischargeQ == lowQ)
                || (upP == lowP && upQ == lowQ) || (downP == lowP && downQ == lowQ))
            {
                points.AddOrLower(p, lowP + hinges.At(p));
                points.Add(q, lowQ + hinges.At(q));
            }
            else
            {
                (atP[0], atP[1], atP[2], atP[3], atP[4]) = (stayP, chargeP, dischargeP, upP, downP);
                (atQ[0], atQ[1], atQ[2], atQ[3], atQ[4]) = (stayQ, chargeQ, dischargeQ, upQ, downQ);
                LowerEnvelope(points, p, q, atP, atQ, hinges);
            }
            (p, stayP, chargeP, dischargeP) = (q, stayQ, chargeQ, dischargeQ);
        }
    }

    /// <summary>
    /// Adds the lower envelope on [p, q] of lines given by their values at p and q (+∞ for an absent one), plus the
    /// hinges (straight on [p, q]): from the lowest at p, each next piece is the line that crosses below the current one first.
    /// </summary>
    private static void LowerEnvelope(Points points, double p, double q, ReadOnlySpan<double> atP, ReadOnlySpan<double> atQ, Hinges hinges)
    {
        var current = 0;
        for (var j = 1; j < atP.Length; j++)
            if (atP[j] < atP[current] || (atP[j] == atP[current] && atQ[j] < atQ[current])) current = j;
        points.AddOrLower(p, atP[current] + hinges.At(p));
        var t = 0.0;
        while (true)
        {
            var (next, nextT) = (-1, 1.0);
            for (var j = 0; j < atP.Length; j++)
            {
                var (d0, d1) = (atP[j] - atP[current], atQ[j] - atQ[current]);
                if (!(d0 > 0 && d1 < 0)) continue;
                var crossing = d0 / (d0 - d1);
                if (crossing > t && crossing < nextT) (next, nextT) = (j, crossing);
            }
            if (next < 0) break;
            (current, t) = (next, nextT);
            var x = p + (q - p) * t;
            points.Add(x, atP[current] + (atQ[current] - atP[current]) * t + hinges.At(x));
        }
        points.Add(q, atQ[current] + hinges.At(q));
    }

    /// <summary>
    /// <paramref name="from"/>, then every x − up, x and x + down and the hinges' bends strictly inside (from, to) in
    /// rising order, then <paramref name="to"/>: sorted sequences merged. Returns how many were written.
    /// </summary>
    private int Events(double up, double down, double from, double to, Hinges hinges, double[] events)
    {
        var n = _x.Length;
        var count = 0;
        events[count++] = from;
        var (bend, lastBend) = hinges.Floor <= hinges.Ceiling ? (hinges.Floor, hinges.Ceiling) : (hinges.Ceiling, hinges.Floor);
        var (i, j, k) = (0, 0, 0);
        while (i < n || j < n || k < n)
        {
            var a = i < n ? _x[i] - up : double.PositiveInfinity;
            var b = j < n ? _x[j] : double.PositiveInfinity;
            var c = k < n ? _x[k] + down : double.PositiveInfinity;
            double x;
            if (bend <= a && bend <= b && bend <= c) (x, bend, lastBend) = (bend, lastBend, double.PositiveInfinity);
            else if (a <= b && a <= c) (x, i) = (a, i + 1);
            else if (b <= c) (x, j) = (b, j + 1);
            else (x, k) = (c, k + 1);
            if (x > from && x < to) events[count++] = x;
        }
        events[count++] = to;
        return count;
    }

    /// <summary>g(u) from its values and segment slopes at this function's breakpoints, searching forward from the cursor.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private double Along(double[] g, double[] gSlope, double u, ref int cursor)
    {
        if (u <= Start) return g[0];
        if (u >= End) return g[_x.Length - 1];
        while (_x[cursor] < u) cursor++;
        return _x[cursor] == u ? g[cursor] : g[cursor - 1] + gSlope[cursor] * (u - _x[cursor - 1]);
    }

    /// <summary>The smaller of two functions on the same domain, into <paramref name="points"/>.</summary>
    private static void Min(Points f, Points g, Points points)
    {
        points.Clear();
        var end = f.X[f.Count - 1];
        Span<double> atP = stackalloc double[2];
        Span<double> atQ = stackalloc double[2];
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
            if (!first && q - p > Epsilon * (1 + end))
            {
                (atP[0], atP[1], atQ[0], atQ[1]) = (fp, gp, fq, gq);
                LowerEnvelope(points, p, q, atP, atQ, Hinges.None);
            }
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

    /// <summary>A node's penalties: <see cref="FloorPenalty"/> per kWh below <see cref="Floor"/> and
    /// <see cref="CeilingPenalty"/> per kWh above <see cref="Ceiling"/>.</summary>
    private readonly record struct Hinges(double Floor, double FloorPenalty, double Ceiling, double CeilingPenalty)
    {
        public static readonly Hinges None = new(double.MinValue, 0, double.MaxValue, 0);

        public double At(double x) => FloorPenalty * Math.Max(0, Floor - x) + CeilingPenalty * Math.Max(0, x - Ceiling);
    }

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
        public double[] GUp { get; private set; } = [];
        public int[] QueueUp { get; private set; } = [];
        public double[] GDown { get; private set; } = [];
        public int[] QueueDown { get; private set; } = [];
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
            if (GUp.Length < n)
            {
                (FSlope, GUp, QueueUp) = (new double[2 * n], new double[2 * n], new int[2 * n]);
                (GDown, QueueDown) = (new double[2 * n], new int[2 * n]);
                Events = new double[6 * n + 2];
            }
            for (var i = 1; i < n; i++) FSlope[i] = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
        }
    }
}
