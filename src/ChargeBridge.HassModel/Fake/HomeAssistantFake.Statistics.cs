using System.Globalization;
using System.Text.Json.Nodes;

namespace ChargeBridge.HassModel.Fake;

// The recorder's long-term statistics, seeded by tests and answered as recorder/statistics_during_period.
public sealed partial class HomeAssistantFake
{
    private readonly Dictionary<(string StatisticId, HaStatisticsPeriod Period), List<StatisticsRow>> _statistics = [];

    /// <summary>Adds rows of <paramref name="statisticId"/> at <paramref name="period"/>, in the units a client asks
    /// for (W, kWh: the fake converts nothing).</summary>
    public void SeedStatistics(string statisticId, HaStatisticsPeriod period, IEnumerable<StatisticsRow> rows)
    {
        lock (_gate)
        {
            if (!_statistics.TryGetValue((statisticId, period), out var list)) _statistics[(statisticId, period)] = list = [];
            list.AddRange(rows);
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    /// <summary>As HA: the rows starting in [start_time, end_time) with the types asked for, start and end in epoch
    /// milliseconds; an id without rows is left out of the answer.</summary>
    private JsonObject StatisticsDuringPeriod(JsonObject message)
    {
        var ids = message["statistic_ids"]?.AsArray().Select(i => i!.GetValue<string>()).ToList();
        if (ids is not { Count: > 0 }) throw new FakeCommandError("invalid_format", "statistic_ids: length of value must be at least 1");
        var period = message["period"]?.GetValue<string>() switch
        {
            "5minute" => HaStatisticsPeriod.FiveMinute,
            "hour" => HaStatisticsPeriod.Hour,
            var other => throw new FakeCommandError("invalid_format", $"value must be one of ['5minute', 'day', 'hour', 'month', 'week'] for dictionary value @ data['period'], got {other}"),
        };
        var start = Time(message["start_time"]) ?? throw new FakeCommandError("invalid_start_time", "Invalid start_time");
        var end = message["end_time"] is null ? DateTimeOffset.MaxValue : Time(message["end_time"]) ?? throw new FakeCommandError("invalid_end_time", "Invalid end_time");
        var types = message["types"]?.AsArray().Select(t => t!.GetValue<string>()).ToHashSet() ?? [.. StatisticsQuery.KnownTypes];
        var result = new JsonObject();
        lock (_gate)
            foreach (var id in ids)
            {
                var rows = _statistics.GetValueOrDefault((id, period))?.Where(r => r.Start >= start && r.Start < end).ToList();
                if (rows is { Count: > 0 }) result[id] = new JsonArray([.. rows.Select(r => (JsonNode)RowJson(r, types))]);
            }
        return result;
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        DateTimeOffset.TryParse(node?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static JsonObject RowJson(StatisticsRow row, HashSet<string> types)
    {
        var json = new JsonObject { ["start"] = row.Start.ToUnixTimeMilliseconds(), ["end"] = row.End.ToUnixTimeMilliseconds() };
        foreach (var (name, value) in new[] { ("mean", row.Mean), ("min", row.Min), ("max", row.Max), ("change", row.Change), ("sum", row.Sum), ("state", row.State) })
            if (types.Contains(name)) json[name] = value;
        return json;
    }
}
