using System.Globalization;
using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>
/// One row of HA's long-term statistics for one period: the mean/min/max of a measurement (a power sensor, in the
/// unit asked for) or, for a total (an energy counter), the <c>change</c> in the period and the running <c>sum</c>.
/// A type that was not asked for, or that HA has no value for, is null.
/// </summary>
public sealed record StatisticsRow(DateTimeOffset Start, DateTimeOffset End)
{
    public double? Mean { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Change { get; init; }
    public double? Sum { get; init; }
    public double? State { get; init; }

    /// <summary>The rows of the result of <c>recorder/statistics_during_period</c> ({statistic_id: [rows]}); a row
    /// without a readable start and end is skipped. Start and end are epoch milliseconds (HA ≥ 2022.12) or ISO text
    /// (older HA).</summary>
    /// <exception cref="HaProtocolException">The result is not an object of lists.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>> ParseResult(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object)
            throw new HaProtocolException("recorder/statistics_during_period", $"the result is {result.ValueKind}, not an object of statistic ids");
        var all = new Dictionary<string, IReadOnlyList<StatisticsRow>>(StringComparer.Ordinal);
        foreach (var statistic in result.EnumerateObject())
        {
            if (statistic.Value.ValueKind != JsonValueKind.Array)
                throw new HaProtocolException("recorder/statistics_during_period", $"'{statistic.Name}' holds {statistic.Value.ValueKind}, not a list of rows");
            all[statistic.Name] = statistic.Value.EnumerateArray().Select(FromJson).OfType<StatisticsRow>().OrderBy(r => r.Start).ToList();
        }
        return all;
    }

    private static StatisticsRow? FromJson(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object || Time(row, "start") is not { } start || Time(row, "end") is not { } end || end <= start)
            return null;
        return new StatisticsRow(start, end)
        {
            Mean = Number(row, "mean"), Min = Number(row, "min"), Max = Number(row, "max"),
            Change = Number(row, "change"), Sum = Number(row, "sum"), State = Number(row, "state"),
        };
    }

    private static DateTimeOffset? Time(JsonElement row, string name) =>
        !row.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var ms) && double.IsFinite(ms) && Math.Abs(ms) < 253_402_300_799_000
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
        : value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
        : null;

    private static double? Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
}
