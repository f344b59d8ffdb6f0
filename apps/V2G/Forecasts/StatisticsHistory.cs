using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.V2G.Forecasts;

/// <summary>HA's statistics rows turned into the history the forecasters read: mean W per period on the absolute time line.</summary>
internal static class StatisticsHistory
{
    /// <summary>
    /// The signed sum of the terms' mean powers per period (<see cref="MeanPower.FromRows"/>: a power sensor's mean, an
    /// energy sensor's change over the period); a period some term has no value for is a gap, so a missing term never
    /// shows as a drop in the house's use. Each statistic is read as energy when its rows carry no mean.
    /// </summary>
    public static TimeSeries<Power> Sum(IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>> rows, IReadOnlyList<(string StatisticId, int Sign)> terms,
        HaStatisticsPeriod period)
    {
        var totals = new Dictionary<DateTimeOffset, (double Watts, int Terms)>();
        foreach (var (id, sign) in terms)
        {
            var termRows = rows.GetValueOrDefault(id) ?? [];
            var energy = termRows.All(r => r.Mean is null);
            foreach (var power in MeanPower.FromRows(termRows, energy).Where(p => p.End - p.Start == period.Length()))
            {
                var total = totals.GetValueOrDefault(power.Start);
                totals[power.Start] = (total.Watts + sign * power.Watts, total.Terms + 1);
            }
        }
        return new TimeSeries<Power>(totals.Where(t => t.Value.Terms == terms.Count)
            .Select(t => new TimePoint<Power>(t.Key, Power.FromWatts(t.Value.Watts))), period.Length());
    }
}
