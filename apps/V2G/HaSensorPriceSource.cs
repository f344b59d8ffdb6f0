using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Prices from an HA sensor whose attribute <c>prices</c> is a list of <c>{"time": ISO 8601 with offset, "value":
/// EUR/kWh}</c>, each value holding from its time until the next (the resolution is the smallest step, so 15- and
/// 60-minute data both work and a missing point is a gap). The state itself is ignored. Entries that cannot be read
/// are skipped; no usable entry means no prices.
/// </summary>
internal sealed class HaSensorPriceSource(IHaContext ha, string entityId) : IPriceSource
{
    private static readonly TimeSpan DefaultResolution = TimeSpan.FromHours(1);

    public PriceData? Read(out string? problem)
    {
        var state = ha.GetState(entityId);
        if (state?.Attribute("prices") is not { ValueKind: JsonValueKind.Array } list)
        {
            problem = $"{entityId} has no 'prices' list";
            return null;
        }
        var points = list.EnumerateArray().Select(Point).OfType<TimePoint<EnergyPrice>>()
            .DistinctBy(p => p.Start).OrderBy(p => p.Start).ToList();
        if (points.Count == 0)
        {
            problem = $"{entityId} has no readable prices";
            return null;
        }
        var resolution = points.Zip(points.Skip(1), (a, b) => b.Start - a.Start).DefaultIfEmpty(DefaultResolution).Min();
        problem = null;
        return new(new TimeSeries<EnergyPrice>(points, resolution), state.LastUpdated ?? state.LastChanged);
    }

    private static TimePoint<EnergyPrice>? Point(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object) return null;
        if (!entry.TryGetProperty("time", out var time) || time.ValueKind != JsonValueKind.String ||
            !DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return null;
        if (!entry.TryGetProperty("value", out var value)) return null;
        double? price = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        return price is { } p && double.IsFinite(p) ? new TimePoint<EnergyPrice>(start, new EnergyPrice(p)) : null;
    }
}
