namespace ChargeBridge.Core.Statistics;

public enum StatisticsPeriod
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>Which local calendar period a moment falls in: days start at local midnight, weeks on Monday (ISO 8601).</summary>
public static class StatisticsPeriods
{
    /// <summary>The first local date of the period holding <paramref name="time"/>.</summary>
    public static DateOnly StartOf(StatisticsPeriod period, DateTimeOffset time, TimeZoneInfo zone) =>
        StartOf(period, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime));

    /// <summary>The first local date of the period holding the local date <paramref name="day"/>.</summary>
    public static DateOnly StartOf(StatisticsPeriod period, DateOnly day) =>
        period switch
        {
            StatisticsPeriod.Day => day,
            StatisticsPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            StatisticsPeriod.Month => new DateOnly(day.Year, day.Month, 1),
            StatisticsPeriod.Year => new DateOnly(day.Year, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
        };
}
