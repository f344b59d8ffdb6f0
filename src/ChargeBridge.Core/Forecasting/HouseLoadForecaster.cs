using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Forecasting;

/// <summary>
/// The house's consumption ahead from its own history: for each slot, the same local time of day on the last
/// <see cref="RecentDays"/> days. The robust mean (<see cref="RobustMean"/>) of those values gives the day's shape, so
/// one party or holiday does not put a peak into it; the day is then scaled to the plain mean's energy, since
/// trimming skewed loads (a rare big consumer) would otherwise under-forecast every day. With
/// <see cref="SameWeekdays"/> set, the last that many same weekdays instead (falling back to the recent days when
/// fewer than <see cref="MinSameWeekdays"/> have a value there), for a household whose week repeats more than its
/// weather changes; off by default, since on the benchmark households the drift of the heating season outweighed the
/// weekly pattern (docs/forecasts.md). A slot no day has a value for is a gap (the planner counts it as 0 W). Pure:
/// the history, the start and HA's time zone are all it reads.
/// </summary>
public sealed record HouseLoadForecaster
{
    public int RecentDays { get; init; } = 7;
    /// <summary>How many same weekdays make a slot's forecast; 0: the recent days only.</summary>
    public int SameWeekdays { get; init; }
    public int MinSameWeekdays { get; init; } = 2;
    /// <summary>Less usable history than this gives no forecast at all.</summary>
    public TimeSpan MinHistory { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The mean house power per slot (W, at the history's resolution) from <paramref name="from"/> for
    /// <paramref name="horizon"/>, learnt from the points of <paramref name="history"/> before <paramref name="from"/>;
    /// null when there is too little usable history (<see cref="MinHistory"/>) or its resolution does not divide a day,
    /// so the planner plans without the house rather than on a guess.
    /// </summary>
    public TimeSeries<Power>? Forecast(TimeSeries<Power> history, DateTimeOffset from, TimeSpan horizon, TimeZoneInfo zone)
    {
        var profiles = LocalDayProfiles.From(history, from, zone);
        if (profiles is null || profiles.HoursOfValues < MinHistory.TotalHours) return null;
        var days = new Dictionary<DateOnly, double?[]>();
        var points = new List<TimePoint<Power>>();
        foreach (var start in profiles.SlotStarts(from, from + horizon))
        {
            var day = profiles.LocalDay(start);
            if (!days.TryGetValue(day, out var profile)) days[day] = profile = DayProfile(profiles, day);
            if (profile[profiles.Slot(start)] is { } w) points.Add(new(start, Power.FromWatts(w)));
        }
        return new TimeSeries<Power>(points, profiles.Resolution);
    }

    /// <summary>Every slot of <paramref name="day"/>: the robust mean's shape holding the plain mean's energy.</summary>
    private double?[] DayProfile(LocalDayProfiles profiles, DateOnly day)
    {
        var shape = new double?[profiles.SlotsPerDay];
        double robustSum = 0, plainSum = 0;
        for (var slot = 0; slot < shape.Length; slot++)
        {
            var values = SlotValues(profiles, day, slot);
            if (values.Count == 0) continue;
            plainSum += values.Average();
            shape[slot] = RobustMean.Of(values);
            robustSum += shape[slot]!.Value;
        }
        var scale = robustSum > 0 ? plainSum / robustSum : 1;
        return [.. shape.Select(w => w * scale)];
    }

    private List<double> SlotValues(LocalDayProfiles profiles, DateOnly day, int slot)
    {
        var same = SameWeekdays > 0 ? profiles.Before(day, slot, SameWeekdays, d => d.DayOfWeek == day.DayOfWeek) : [];
        return same.Count >= MinSameWeekdays ? same : profiles.Before(day, slot, RecentDays, _ => true);
    }
}
