using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Forecasting;

/// <summary>
/// History of a power (W) sorted by local day and local time of day: what repeats from day to day in a home is the
/// clock on the wall, not the UTC hour, so a point is filed under the local date and the slot of the day its start
/// falls in. On the 25-hour DST day the repeated hour's two points share their slot (their mean is kept); on the
/// 23-hour day the skipped hour's slot is simply empty. Values that are not finite are dropped and negative ones
/// count as 0 W (house load and PV production are never below it; a meter's small negative standby reading is not
/// data to learn from).
/// </summary>
internal sealed class LocalDayProfiles
{
    private const int MinutesPerDay = 24 * 60;
    private readonly Dictionary<(DateOnly Day, int Slot), (double Sum, int Count)> _cells = [];
    private readonly TimeZoneInfo _zone;

    private LocalDayProfiles(TimeSpan resolution, TimeZoneInfo zone)
    {
        Resolution = resolution;
        _zone = zone;
        SlotsPerDay = MinutesPerDay / (int)resolution.TotalMinutes;
    }

    public TimeSpan Resolution { get; }
    public int SlotsPerDay { get; }
    /// <summary>Hours of history that held a usable value.</summary>
    public double HoursOfValues { get; private set; }
    /// <summary>The local days with at least one value, most recent first.</summary>
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];

    /// <summary>The profiles of the points of <paramref name="history"/> that start before <paramref name="before"/>;
    /// null when the resolution does not divide a day into whole minutes (no slot grid to repeat on).</summary>
    public static LocalDayProfiles? From(TimeSeries<Power> history, DateTimeOffset before, TimeZoneInfo zone)
    {
        if (!FitsADay(history.Resolution)) return null;
        var profiles = new LocalDayProfiles(history.Resolution, zone);
        var days = new HashSet<DateOnly>();
        var count = 0;
        foreach (var point in history.Points)
        {
            if (point.Start >= before) break;
            if (!double.IsFinite(point.Value.Watts)) continue;
            var key = (profiles.LocalDay(point.Start), profiles.Slot(point.Start));
            var cell = profiles._cells.GetValueOrDefault(key);
            profiles._cells[key] = (cell.Sum + Math.Max(0, point.Value.Watts), cell.Count + 1);
            days.Add(key.Item1);
            count++;
        }
        profiles.HoursOfValues = count * history.Resolution.TotalHours;
        profiles.Days = [.. days.OrderDescending()];
        return profiles;
    }

    /// <summary>Whether <paramref name="resolution"/> cuts a day into whole-minute slots.</summary>
    public static bool FitsADay(TimeSpan resolution) =>
        resolution >= TimeSpan.FromMinutes(1) && resolution.Ticks % TimeSpan.TicksPerMinute == 0
        && MinutesPerDay % (int)resolution.TotalMinutes == 0;

    public DateOnly LocalDay(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, _zone).DateTime);

    public int Slot(DateTimeOffset time) => (int)TimeZoneInfo.ConvertTime(time, _zone).TimeOfDay.TotalMinutes / (int)Resolution.TotalMinutes;

    /// <summary>The mean power in <paramref name="slot"/> of <paramref name="day"/> (W), or null when none was recorded.</summary>
    public double? Value(DateOnly day, int slot) =>
        _cells.TryGetValue((day, slot), out var cell) ? cell.Sum / cell.Count : null;

    /// <summary>The values of <paramref name="slot"/> on the days before <paramref name="day"/> that have one and pass
    /// <paramref name="include"/>, most recent first, at most <paramref name="count"/>.</summary>
    public List<double> Before(DateOnly day, int slot, int count, Func<DateOnly, bool> include)
    {
        var values = new List<double>(count);
        foreach (var d in Days)
        {
            if (values.Count == count) break;
            if (d >= day || !include(d)) continue;
            if (Value(d, slot) is { } v) values.Add(v);
        }
        return values;
    }

    /// <summary>The slot starts from <paramref name="from"/> (rounded down to the resolution on the absolute time
    /// line) until <paramref name="end"/>.</summary>
    public IEnumerable<DateTimeOffset> SlotStarts(DateTimeOffset from, DateTimeOffset end)
    {
        var first = new DateTimeOffset(from.UtcTicks - from.UtcTicks % Resolution.Ticks, TimeSpan.Zero);
        for (var t = first; t < end; t += Resolution) yield return t;
    }
}
