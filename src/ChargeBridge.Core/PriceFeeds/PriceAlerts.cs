using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.PriceFeeds;

/// <summary>A stretch of negative prices ahead: when it starts and ends, and its lowest price.</summary>
public sealed record NegativePriceWindow(DateTimeOffset Start, DateTimeOffset End, EnergyPrice Lowest);

/// <summary>
/// Whether the prices cover what planning needs: from now up to <see cref="RequiredUntil"/> without a gap.
/// <see cref="CoveredUntil"/> is where the known prices stop (the first gap from now).
/// </summary>
public sealed record PriceCoverage(DateTimeOffset CoveredUntil, DateTimeOffset RequiredUntil)
{
    public bool Missing => CoveredUntil < RequiredUntil;
}

/// <summary>The price facts the apps notify about, as pure functions of now and the series.</summary>
public static class PriceAlerts
{
    /// <summary>The first stretch of prices below zero that starts within <paramref name="lookahead"/> of now (or is running), or null.</summary>
    public static NegativePriceWindow? NegativePricesAhead(TimeSeries<EnergyPrice> prices, DateTimeOffset now, TimeSpan lookahead)
    {
        var resolution = prices.Resolution;
        NegativePriceWindow? window = null;
        foreach (var p in prices.Points)
        {
            var end = p.Start + resolution;
            if (end <= now) continue;
            var negative = p.Value.EurPerKwh < 0;
            if (window is null)
            {
                if (p.Start >= now + lookahead) break;
                if (negative) window = new NegativePriceWindow(p.Start, end, p.Value);
            }
            else if (negative && p.Start == window.End)
            {
                window = window with { End = end, Lowest = p.Value < window.Lowest ? p.Value : window.Lowest };
            }
            else break;
        }
        return window;
    }

    /// <summary>
    /// Day-ahead prices must cover until the end of today (local), and after <paramref name="publishedBy"/>
    /// (local time of day by which tomorrow's prices are normally out, e.g. 15:00) until the end of tomorrow.
    /// Local midnights come from the time zone, so 23- and 25-hour days are handled.
    /// </summary>
    public static PriceCoverage Coverage(TimeSeries<EnergyPrice> prices, DateTimeOffset now, TimeZoneInfo zone, TimeSpan publishedBy)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var daysNeeded = local.TimeOfDay >= publishedBy ? 2 : 1;
        var required = LocalMidnight(local.Date.AddDays(daysNeeded), zone);
        return new PriceCoverage(prices.CoveredUntil(now), required);
    }

    private static DateTimeOffset LocalMidnight(DateTime date, TimeZoneInfo zone)
    {
        var midnight = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        // Where a zone skips midnight itself, the day starts at the first valid minute after it.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
