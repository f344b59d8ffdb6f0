namespace ChargeBridge.HassModel;

/// <summary>The mean power (W) over one statistics period.</summary>
public readonly record struct MeanPower(DateTimeOffset Start, DateTimeOffset End, double Watts)
{
    /// <summary>
    /// The mean power of each row: a power sensor's <c>mean</c> (W) as it is; an energy counter's <c>change</c> (kWh)
    /// over the period's length, or, where HA gives no change, the step of <c>sum</c> from the row before (adjacent
    /// rows only). A row with neither, or with a negative energy (a meter swapped or reset), is left out: a gap, not
    /// a made-up value.
    /// </summary>
    public static IReadOnlyList<MeanPower> FromRows(IReadOnlyList<StatisticsRow> rows, bool energy)
    {
        var powers = new List<MeanPower>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!energy)
            {
                if (row.Mean is { } mean) powers.Add(new(row.Start, row.End, mean));
                continue;
            }
            var kwh = row.Change ?? (i > 0 && rows[i - 1].End == row.Start && rows[i - 1].Sum is { } before && row.Sum is { } after ? after - before : null);
            if (kwh is { } k && k >= 0) powers.Add(new(row.Start, row.End, k * 1000 / (row.End - row.Start).TotalHours));
        }
        return powers;
    }
}
