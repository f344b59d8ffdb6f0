namespace ChargeBridge.Core.Statistics;

/// <summary>Sums of <typeparamref name="T"/> per local day, week, month and year, each value counted in the periods holding its time.</summary>
internal sealed class PeriodTotals<T>(TimeZoneInfo zone, T zero, Func<T, T, T> add)
{
    private readonly Dictionary<(StatisticsPeriod, DateOnly), T> _totals = [];

    public void Add(DateTimeOffset time, T value) => Add(StatisticsPeriods.StartOf(StatisticsPeriod.Day, time, zone), value);

    /// <summary>Adds a value to the local day <paramref name="day"/> and the week, month and year holding it.</summary>
    public void Add(DateOnly day, T value)
    {
        foreach (var period in Enum.GetValues<StatisticsPeriod>())
        {
            var key = (period, StatisticsPeriods.StartOf(period, day));
            _totals[key] = add(_totals.GetValueOrDefault(key, zero), value);
        }
    }

    public T For(StatisticsPeriod period, DateTimeOffset time) =>
        _totals.GetValueOrDefault((period, StatisticsPeriods.StartOf(period, time, zone)), zero);
}
