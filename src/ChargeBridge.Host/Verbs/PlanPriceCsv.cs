using System.Globalization;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>Buy prices and optional sell prices read from a plan CSV, with the house's load and PV where it gives them.</summary>
public sealed record PlanPrices(TimeSeries<EnergyPrice> Buy, TimeSeries<EnergyPrice>? Sell)
{
    /// <summary>The house's consumption (mean W over each row); null without a `house_w` column.</summary>
    public TimeSeries<Power>? House { get; init; }

    /// <summary>The PV's production (mean W over each row); null without a `pv_w` column.</summary>
    public TimeSeries<Power>? Pv { get; init; }
}

/// <summary>
/// Reads the `plan` verb's price CSV: comma-separated, a header naming `start` (ISO 8601 with offset), `price`
/// (EUR/kWh) and optionally `sell_price`, `house_w` and `pv_w` (the house's consumption and the PV's production, mean W
/// over the row; an empty field is a gap, planned as 0 W), in any order. The resolution is the smallest step between
/// rows, so 15- and 60-minute files (and DST days, which are just fewer or more rows) need no option.
/// </summary>
public static class PlanPriceCsv
{
    public static PlanPrices Read(TextReader reader, string name)
    {
        var header = reader.ReadLine() ?? throw new FormatException($"{name}: empty file");
        var columns = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        var start = Column(columns, "start", name);
        var price = Column(columns, "price", name);
        var sell = columns.IndexOf("sell_price");
        var houseColumn = columns.IndexOf("house_w");
        var pvColumn = columns.IndexOf("pv_w");
        var buy = new List<TimePoint<EnergyPrice>>();
        var sold = new List<TimePoint<EnergyPrice>>();
        var house = new List<TimePoint<Power>>();
        var pv = new List<TimePoint<Power>>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            if (fields.Length < columns.Count)
                throw new FormatException($"{name} line {lineNumber}: expected {columns.Count} fields, got {fields.Length}");
            if (!DateTimeOffset.TryParse(fields[start].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                || !HasOffset(fields[start]))
                throw new FormatException($"{name} line {lineNumber}: start '{fields[start].Trim()}' is not ISO 8601 with an offset");
            buy.Add(new TimePoint<EnergyPrice>(at, Price(fields[price], name, lineNumber, "price")));
            if (sell >= 0) sold.Add(new TimePoint<EnergyPrice>(at, Price(fields[sell], name, lineNumber, "sell_price")));
            if (houseColumn >= 0 && Watts(fields[houseColumn], name, lineNumber, "house_w") is { } houseW) house.Add(new(at, houseW));
            if (pvColumn >= 0 && Watts(fields[pvColumn], name, lineNumber, "pv_w") is { } pvW) pv.Add(new(at, pvW));
        }
        if (buy.Count == 0) throw new FormatException($"{name}: no price rows");
        var resolution = Resolution(buy, name);
        return new PlanPrices(new TimeSeries<EnergyPrice>(buy, resolution), sell >= 0 ? new TimeSeries<EnergyPrice>(sold, resolution) : null)
        {
            House = houseColumn >= 0 ? new TimeSeries<Power>(house, resolution) : null,
            Pv = pvColumn >= 0 ? new TimeSeries<Power>(pv, resolution) : null,
        };
    }

    /// <summary>A power column's value: null where the field is empty (a gap); a negative or non-numeric value is refused.</summary>
    private static Power? Watts(string text, string name, int line, string column)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var watts) && double.IsFinite(watts) && watts >= 0
            ? Power.FromWatts(watts)
            : throw new FormatException($"{name} line {line}: {column} '{trimmed}' is not a power of 0 W or more");
    }

    private static int Column(List<string> columns, string column, string name)
    {
        var i = columns.IndexOf(column);
        return i >= 0 ? i : throw new FormatException($"{name}: the header has no '{column}' column");
    }

    /// <summary>Whether an ISO 8601 time names its offset (Z or ±hh:mm): without one it would be read in the machine's zone.</summary>
    internal static bool HasOffset(string text)
    {
        var t = text.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && t[^6] is '+' or '-' && t[^3] == ':');
    }

    private static EnergyPrice Price(string text, string name, int line, string column) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? new EnergyPrice(value)
            : throw new FormatException($"{name} line {line}: {column} '{text.Trim()}' is not a number (EUR/kWh)");

    private static TimeSpan Resolution(List<TimePoint<EnergyPrice>> points, string name)
    {
        var starts = points.Select(p => p.Start).Order().ToList();
        if (starts.Count == 1) return TimeSpan.FromHours(1);
        var step = starts.Zip(starts.Skip(1), (a, b) => b - a).Min();
        return step > TimeSpan.Zero ? step : throw new FormatException($"{name}: two rows start at the same time");
    }
}
