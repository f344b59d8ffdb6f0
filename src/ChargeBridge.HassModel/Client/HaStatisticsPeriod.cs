namespace ChargeBridge.HassModel;

/// <summary>The length of the rows <c>recorder/statistics_during_period</c> returns: HA keeps 5-minute rows for a
/// short time (10 days by default) and hourly ones for good.</summary>
public enum HaStatisticsPeriod
{
    FiveMinute,
    Hour,
}

/// <summary>The wire names of <see cref="HaStatisticsPeriod"/> and their length.</summary>
public static class HaStatisticsPeriods
{
    public static string WireName(this HaStatisticsPeriod period) => period switch
    {
        HaStatisticsPeriod.FiveMinute => "5minute",
        HaStatisticsPeriod.Hour => "hour",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a statistics period"),
    };

    public static TimeSpan Length(this HaStatisticsPeriod period) => period switch
    {
        HaStatisticsPeriod.FiveMinute => TimeSpan.FromMinutes(5),
        HaStatisticsPeriod.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a statistics period"),
    };
}
