using System.Text.Json;

namespace ChargeBridge.HassModel;

/// <summary>
/// A <c>recorder/statistics_during_period</c> request: the rows of <see cref="StatisticIds"/> from
/// <see cref="Start"/> to <see cref="End"/> at <see cref="Period"/>, with the statistic types asked for. Powers come
/// in W and energies in kWh whatever unit the sensor has (HA converts; the <c>units</c> field).
/// </summary>
public sealed record StatisticsQuery(IReadOnlyList<string> StatisticIds, DateTimeOffset Start, DateTimeOffset End, HaStatisticsPeriod Period)
{
    /// <summary>HA's statistic types: mean, min, max (measurements), change, sum, state, last_reset (totals).</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
        { "mean", "min", "max", "change", "sum", "state", "last_reset" };

    public IReadOnlyList<string> Types { get; init; } = ["mean", "change"];

    /// <exception cref="ArgumentException">No statistic id, an empty period or a type HA does not know.</exception>
    public void ThrowIfInvalid()
    {
        if (StatisticIds.Count == 0) throw new ArgumentException("name at least one statistic id", nameof(StatisticIds));
        if (End <= Start) throw new ArgumentException($"the period ends ({End:O}) before it starts ({Start:O})", nameof(End));
        if (Types.FirstOrDefault(t => !KnownTypes.Contains(t)) is { } unknown)
            throw new ArgumentException($"'{unknown}' is not a statistic type ({string.Join(", ", KnownTypes)})", nameof(Types));
    }

    /// <summary>Writes the command's fields (all but id and type).</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        // As HA's frontend sends them (JavaScript's toISOString): milliseconds and Z, which every HA version parses.
        w.WriteString("start_time", Iso(Start));
        w.WriteString("end_time", Iso(End));
        w.WriteStartArray("statistic_ids");
        foreach (var id in StatisticIds) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteString("period", Period.WireName());
        w.WriteStartArray("types");
        foreach (var type in Types) w.WriteStringValue(type);
        w.WriteEndArray();
        w.WriteStartObject("units");
        w.WriteString("power", "W");
        w.WriteString("energy", "kWh");
        w.WriteEndObject();
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
