using System.Globalization;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Prices;

/// <summary>
/// Fixed time-of-use prices (Octopus Flux and the like): windows of local wall-clock time, each with its price, and a
/// default price outside them. The price of a quarter hour is the price at its local start time, so daylight-saving
/// days come out as the meter sees them: a 02:00–05:00 window lasts 2 hours on the spring day and 4 on the autumn day
/// in Europe, where the clock changes at 01:00 or 02:00 local time.
/// </summary>
public sealed class TimeOfUseTariff
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(15);
    private static readonly int QuartersPerDay = (int)(TimeSpan.FromDays(1) / Resolution);

    /// <summary>The price of each quarter hour of the local day.</summary>
    private readonly EnergyPrice[] _quarters;

    private TimeOfUseTariff(EnergyPrice[] quarters) => _quarters = quarters;

    /// <summary>The tariff, or null with every problem of <paramref name="windows"/> (keys <c>Windows:i:Start</c> …).</summary>
    public static TimeOfUseTariff? Create(IReadOnlyList<TimeOfUseWindow> windows, double defaultPrice, out IReadOnlyList<TariffProblem> problems)
    {
        var found = new List<TariffProblem>();
        if (!double.IsFinite(defaultPrice))
            found.Add(new("DefaultPrice", "must be a number of EUR/kWh: the price outside the windows."));
        var quarters = Enumerable.Repeat(new EnergyPrice(defaultPrice), QuartersPerDay).ToArray();
        var owner = new int?[QuartersPerDay];
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            var key = $"Windows:{i}";
            var start = Quarter(window.Start, $"{key}:Start", endOfDay: false, found);
            var end = Quarter(window.End, $"{key}:End", endOfDay: true, found);
            if (!double.IsFinite(window.Price))
                found.Add(new($"{key}:Price", "must be a number of EUR/kWh."));
            if (start is not { } s || end is not { } e) continue;
            if (s == e % QuartersPerDay)
            {
                found.Add(new(key, $"starts and ends at {window.Start}: a window must last at least a quarter hour (leave the default price for the whole day instead)."));
                continue;
            }
            // An end before the start crosses midnight.
            for (var q = s; q != e % QuartersPerDay; q = (q + 1) % QuartersPerDay)
            {
                if (owner[q] is { } other)
                {
                    found.Add(new(key, $"({window.Start}–{window.End}) overlaps Windows:{other} ({windows[other].Start}–{windows[other].End}) at {Clock(q)}: windows must not overlap."));
                    break;
                }
                owner[q] = i;
                quarters[q] = new EnergyPrice(window.Price);
            }
        }
        problems = found;
        return found.Count == 0 ? new TimeOfUseTariff(quarters) : null;
    }

    /// <summary>The price at <paramref name="time"/> in <paramref name="zone"/>'s local time.</summary>
    public EnergyPrice PriceAt(DateTimeOffset time, TimeZoneInfo zone) =>
        _quarters[(int)(TimeZoneInfo.ConvertTime(time, zone).TimeOfDay / Resolution)];

    /// <summary>Quarter-hour prices from the quarter hour holding <paramref name="from"/> until <paramref name="until"/>, on the absolute time line.</summary>
    public TimeSeries<EnergyPrice> Prices(DateTimeOffset from, DateTimeOffset until, TimeZoneInfo zone)
    {
        var first = new DateTimeOffset(from.UtcTicks - from.UtcTicks % Resolution.Ticks, TimeSpan.Zero);
        var points = new List<TimePoint<EnergyPrice>>();
        for (var t = first; t < until; t += Resolution) points.Add(new(t, PriceAt(t, zone)));
        return new TimeSeries<EnergyPrice>(points, Resolution);
    }

    /// <summary>The quarter of the day <c>HH:mm</c> names (24:00 only as an end, as quarter 96), or null with the problem.</summary>
    private static int? Quarter(string text, string key, bool endOfDay, List<TariffProblem> problems)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            problems.Add(new(key, $"'{text}' is not a time of day: write it as HH:mm, like 02:00 or 16:30."));
            return null;
        }
        if (hours > 24 || minutes > 59 || (hours == 24 && (minutes > 0 || !endOfDay)))
        {
            problems.Add(new(key, $"'{text}' is out of range: hours run from 00 to 23{(endOfDay ? " (24:00 ends a window at midnight)" : "")}, minutes from 00 to 59."));
            return null;
        }
        if (minutes % 15 != 0)
        {
            problems.Add(new(key, $"'{text}' is not on a quarter hour: windows start and end at :00, :15, :30 or :45."));
            return null;
        }
        return hours * 4 + minutes / 15;
    }

    private static string Clock(int quarter) => $"{quarter / 4:00}:{quarter % 4 * 15:00}";
}
