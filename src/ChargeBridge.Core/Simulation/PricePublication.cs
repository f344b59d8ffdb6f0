namespace ChargeBridge.Core.Simulation;

/// <summary>
/// When day-ahead prices become known: tomorrow's at <see cref="PublishedAt"/> local time (13:00 by default), so
/// before then only today's prices are known and after it today's and tomorrow's.
/// </summary>
public sealed record PricePublication(TimeZoneInfo Zone, TimeSpan PublishedAt)
{
    public static PricePublication DayAhead(TimeZoneInfo zone) => new(zone, TimeSpan.FromHours(13));

    /// <summary>The end of the prices known at <paramref name="now"/>: local midnight ending today or tomorrow.</summary>
    public DateTimeOffset KnownUntil(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var days = local.TimeOfDay >= PublishedAt ? 2 : 1;
        var midnight = local.Date.AddDays(days);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }
}
