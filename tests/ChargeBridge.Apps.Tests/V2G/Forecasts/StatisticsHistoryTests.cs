using ChargeBridge.Apps.V2G.Forecasts;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.Tests.V2G.Forecasts;

public sealed class StatisticsHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 9, 0, 0, 0, TimeSpan.Zero);

    private static StatisticsRow Hour(int h) => new(Start.AddHours(h), Start.AddHours(h + 1));

    [Fact]
    public void Terms_add_up_with_their_signs_and_an_hour_one_term_lacks_is_a_gap()
    {
        var rows = new Dictionary<string, IReadOnlyList<StatisticsRow>>
        {
            ["sensor.import"] = [Hour(0) with { Change = 1.2 }, Hour(1) with { Change = 0.4 }, Hour(2) with { Change = 0.1 }],
            ["sensor.export"] = [Hour(0) with { Change = 0 }, Hour(2) with { Change = 0.3 }],
            ["sensor.pv"] = [Hour(0) with { Mean = 0 }, Hour(1) with { Mean = 900 }, Hour(2) with { Mean = 2500 }],
        };

        var house = StatisticsHistory.Sum(rows, [("sensor.import", 1), ("sensor.export", -1), ("sensor.pv", 1)], HaStatisticsPeriod.Hour);

        Assert.Equal([Start, Start.AddHours(2)], house.Points.Select(p => p.Start));
        Assert.Equal([1200, 100 - 300 + 2500], house.Points.Select(p => Math.Round(p.Value.Watts, 6)));
    }

    [Fact]
    public void Rows_of_another_length_and_a_statistic_without_rows_give_nothing()
    {
        var rows = new Dictionary<string, IReadOnlyList<StatisticsRow>>
        {
            ["sensor.house"] = [new StatisticsRow(Start, Start.AddMinutes(5)) { Mean = 300 }, Hour(1) with { Mean = 450 }],
        };

        Assert.Equal([450.0], StatisticsHistory.Sum(rows, [("sensor.house", 1)], HaStatisticsPeriod.Hour).Points.Select(p => p.Value.Watts));
        Assert.Empty(StatisticsHistory.Sum(rows, [("sensor.missing", 1)], HaStatisticsPeriod.Hour).Points);
    }
}
