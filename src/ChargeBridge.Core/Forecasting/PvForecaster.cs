using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Forecasting;

/// <summary>
/// The PV production ahead, per slot, from the best source that covers it:
/// <list type="number">
/// <item>a detailed solar forecast (Solcast) covering the whole slot: its mean power there;</item>
/// <item>a forecast of the slot's local day's energy (Forecast.Solar): the clear-sky shape of recent days, scaled so
/// the day holds that energy. The shape is, per local time of day, the highest production of the last
/// <see cref="ShapeDays"/> days: a fortnight nearly always holds a clear hour at each time of day, and the sun's path
/// barely moves in that time;</item>
/// <item>neither: the mean of the last <see cref="RecentDays"/> days at that local time of day (weather does not
/// follow the weekday).</item>
/// </list>
/// A slot none of these covers is a gap (0 W to the planner). Pure: history, start, zone and forecast are all it reads.
/// </summary>
public sealed record PvForecaster
{
    public int RecentDays { get; init; } = 14;
    public int ShapeDays { get; init; } = 14;
    /// <summary>Less usable history than this gives no history-based forecast.</summary>
    public TimeSpan MinHistory { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The mean PV power per slot (W, ≥ 0, at the history's resolution) from <paramref name="from"/> for
    /// <paramref name="horizon"/>; null when the history is too short (or its resolution does not divide a day) and
    /// no detailed forecast covers the horizon's start: the planner then plans without PV.
    /// </summary>
    public TimeSeries<Power>? Forecast(TimeSeries<Power> history, DateTimeOffset from, TimeSpan horizon, TimeZoneInfo zone, SolarForecast? solar = null)
    {
        solar ??= SolarForecast.None;
        var profiles = LocalDayProfiles.From(history, from, zone);
        if (profiles is null || profiles.HoursOfValues < MinHistory.TotalHours)
            return solar.Detailed is { } detailed && detailed.ValueAt(from) is not null ? Clip(detailed, from, from + horizon) : null;
        var shapes = new Dictionary<DateOnly, (double[] Shape, double Kwh)>();
        var points = new List<TimePoint<Power>>();
        foreach (var start in profiles.SlotStarts(from, from + horizon))
        {
            var (day, slot) = (profiles.LocalDay(start), profiles.Slot(start));
            double? watts = solar.Detailed is { } d ? MeanOver(d, start, start + profiles.Resolution) : null;
            if (watts is null && solar.DailyEnergy.TryGetValue(day, out var energy) && energy.KilowattHours >= 0)
            {
                if (!shapes.TryGetValue(day, out var shape)) shapes[day] = shape = ClearSkyShape(profiles, day);
                if (shape.Kwh > 0) watts = shape.Shape[slot] * energy.KilowattHours / shape.Kwh;
            }
            watts ??= profiles.Before(day, slot, RecentDays, _ => true) is { Count: > 0 } recent ? recent.Average() : null;
            if (watts is { } w) points.Add(new(start, Power.FromWatts(w)));
        }
        return new TimeSeries<Power>(points, profiles.Resolution);
    }

    private (double[] Shape, double Kwh) ClearSkyShape(LocalDayProfiles profiles, DateOnly day)
    {
        var shape = new double[profiles.SlotsPerDay];
        for (var slot = 0; slot < shape.Length; slot++)
            shape[slot] = profiles.Before(day, slot, ShapeDays, _ => true) is { Count: > 0 } values ? values.Max() : 0;
        return (shape, shape.Sum() * profiles.Resolution.TotalHours / 1000);
    }

    /// <summary>The mean of <paramref name="series"/> over [start, end), or null unless it covers all of it.</summary>
    private static double? MeanOver(TimeSeries<Power> series, DateTimeOffset start, DateTimeOffset end)
    {
        if (series.CoveredUntil(start) < end) return null;
        var step = series.Resolution < end - start ? series.Resolution : end - start;
        double sum = 0;
        var n = 0;
        for (var t = start; t < end; t += step, n++) sum += Math.Max(0, series.ValueAt(t)!.Value.Watts);
        return double.IsFinite(sum) ? sum / n : null;
    }

    private static TimeSeries<Power> Clip(TimeSeries<Power> series, DateTimeOffset from, DateTimeOffset end) =>
        new(series.Points.Where(p => p.Start + series.Resolution > from && p.Start < end && double.IsFinite(p.Value.Watts))
            .Select(p => p with { Value = Power.FromWatts(Math.Max(0, p.Value.Watts)) }), series.Resolution);
}
