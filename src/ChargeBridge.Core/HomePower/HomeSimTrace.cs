using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// A house over a span of time as two series of interval means: house consumption and PV production, both in W.
/// Value i is the mean power over [Start + i·Step, Start + (i+1)·Step), so energy is value × Step.
/// Read coarse (5 min, 60 min) from data, then <see cref="Resample"/> to the control pace (1–10 s).
/// </summary>
public sealed class HomeSimTrace
{
    public HomeSimTrace(DateTimeOffset start, TimeSpan step, IReadOnlyList<Power> house, IReadOnlyList<Power> pv)
    {
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), step, "the step must be positive");
        if (house.Count != pv.Count) throw new ArgumentException($"house has {house.Count} values, PV {pv.Count}", nameof(pv));
        Start = start;
        Step = step;
        House = house;
        Pv = pv;
    }

    public DateTimeOffset Start { get; }
    public TimeSpan Step { get; }
    public IReadOnlyList<Power> House { get; }
    public IReadOnlyList<Power> Pv { get; }

    public int Count => House.Count;
    public DateTimeOffset End => Start + Step * Count;
    public DateTimeOffset TimeAt(int index) => Start + Step * index;

    /// <summary>The steps from <paramref name="from"/> up to <paramref name="to"/>, both on this trace's steps and inside it:
    /// a window of the day in which a mode is on (V2H in the evening).</summary>
    public HomeSimTrace Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (from < Start || to > End || to <= from || (from - Start).Ticks % Step.Ticks != 0 || (to - from).Ticks % Step.Ticks != 0)
            throw new ArgumentOutOfRangeException(nameof(from), $"{from}–{to} is not a span of whole steps inside {Start}–{End}");
        var first = (int)((from - Start) / Step);
        var count = (int)((to - from) / Step);
        return new HomeSimTrace(from, Step, House.Skip(first).Take(count).ToArray(), Pv.Skip(first).Take(count).ToArray());
    }

    public Energy HouseEnergy => Total(House);
    public Energy PvEnergy => Total(Pv);

    /// <summary>
    /// This trace at <paramref name="pace"/>, which must divide <see cref="Step"/>. Each series is interpolated linearly
    /// between interval midpoints (flat before the first and after the last), then each source interval's sub-steps are
    /// scaled so their mean is that interval's mean again: energy per source interval is kept exactly, and no value goes
    /// below 0 where the means are not negative (a negative mean is spread flat). With <paramref name="noise"/>, seeded
    /// noise is multiplied in before that rescaling, so it too keeps energy.
    /// </summary>
    public HomeSimTrace Resample(TimeSpan pace, HomeSimNoise? noise = null)
    {
        if (pace <= TimeSpan.Zero || Step.Ticks % pace.Ticks != 0)
            throw new ArgumentException($"the pace {pace} must divide the trace's step {Step}", nameof(pace));
        var perStep = (int)(Step.Ticks / pace.Ticks);
        var house = Interpolate(House, perStep);
        var pv = Interpolate(Pv, perStep);
        if (noise is not null)
        {
            noise.Apply(house, noise.HouseAmplitude, pace, streamOffset: 0);
            noise.Apply(pv, noise.PvAmplitude, pace, streamOffset: 1);
        }
        Rescale(house, House, perStep);
        Rescale(pv, Pv, perStep);
        return new HomeSimTrace(Start, pace, ToPowers(house), ToPowers(pv));
    }

    /// <summary>
    /// The house of <paramref name="houseSource"/> with the PV of <paramref name="pvSource"/> multiplied by
    /// <paramref name="pvScale"/> (e.g. to another roof size), on <paramref name="houseSource"/>'s timestamps. The two
    /// may come from different dates but must have the same step and length (the same pace, days of equal length).
    /// </summary>
    public static HomeSimTrace Combine(HomeSimTrace houseSource, HomeSimTrace pvSource, double pvScale)
    {
        if (houseSource.Step != pvSource.Step || houseSource.Count != pvSource.Count)
            throw new ArgumentException(
                $"the traces differ: house {houseSource.Count} × {houseSource.Step}, PV {pvSource.Count} × {pvSource.Step}", nameof(pvSource));
        if (pvScale < 0) throw new ArgumentOutOfRangeException(nameof(pvScale), pvScale, "the PV scale must not be negative");
        return new HomeSimTrace(houseSource.Start, houseSource.Step, houseSource.House, pvSource.Pv.Select(p => p * pvScale).ToArray());
    }

    private Energy Total(IReadOnlyList<Power> series) =>
        Energy.FromKilowattHours(series.Sum(p => p.Kilowatts) * Step.TotalHours);

    private static double[] Interpolate(IReadOnlyList<Power> means, int perStep)
    {
        var result = new double[means.Count * perStep];
        for (var i = 0; i < means.Count; i++)
        {
            var previous = means[Math.Max(i - 1, 0)].Watts;
            var here = means[i].Watts;
            var next = means[Math.Min(i + 1, means.Count - 1)].Watts;
            for (var k = 0; k < perStep; k++)
            {
                // Position of the sub-step's midpoint within the interval, −0.5…0.5 around the interval's midpoint.
                var x = (k + 0.5) / perStep - 0.5;
                result[i * perStep + k] = x < 0 ? here + (here - previous) * x : here + (next - here) * x;
            }
        }
        return result;
    }

    private static void Rescale(double[] values, IReadOnlyList<Power> means, int perStep)
    {
        for (var i = 0; i < means.Count; i++)
        {
            var span = values.AsSpan(i * perStep, perStep);
            var sum = 0.0;
            foreach (var v in span) sum += v;
            var target = means[i].Watts * perStep;
            if (sum > 0 && target >= 0)
                for (var k = 0; k < span.Length; k++) span[k] *= target / sum;
            else
                span.Fill(means[i].Watts);
        }
    }

    private static Power[] ToPowers(double[] watts) => Array.ConvertAll(watts, Power.FromWatts);
}
