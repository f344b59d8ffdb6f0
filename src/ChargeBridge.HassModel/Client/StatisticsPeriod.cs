namespace ChargeBridge.HassModel;

/// <summary>The length of the rows <c>recorder/statistics_during_period</c> returns: HA keeps 5-minute rows for a
/// short time (10 days by default) and hourly ones for good.</summary>
public enum StatisticsPeriod
{
    FiveMinute,
    Hour,
}

/// <summary>The wire names of <see cref="StatisticsPeriod"/> and their length.</summary>
public static class StatisticsPeriods
{
    public static string WireName(this StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.FiveMinute => "5minute",
        StatisticsPeriod.Hour => "hour",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a statistics period"),
    };

    public static TimeSpan Length(this StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.FiveMinute => TimeSpan.FromMinutes(5),
        StatisticsPeriod.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a statistics period"),
    };
}
