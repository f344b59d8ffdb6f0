using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Forecasting;

/// <summary>
/// Reads what HA's solar-forecast integrations publish into a <see cref="SolarForecast"/>. A state or entry that is
/// missing, <c>unknown</c>, <c>unavailable</c>, not a number or negative is left out (that day or period then falls
/// back to the history), never an error.
/// </summary>
public static class SolarForecastReading
{
    /// <summary>Solcast's periods are half-hours; a lone period has no neighbour to tell.</summary>
    private static readonly TimeSpan SolcastPeriod = TimeSpan.FromMinutes(30);

    /// <summary>Forecast.Solar: the states (kWh) of <c>sensor.energy_production_today</c> and <c>…_tomorrow</c>,
    /// <paramref name="today"/> being HA's local date when they were read.</summary>
    public static SolarForecast FromForecastSolar(DateOnly today, string? todayKwh, string? tomorrowKwh)
    {
        var days = new Dictionary<DateOnly, Energy>();
        if (Kwh(todayKwh) is { } t) days[today] = t;
        if (Kwh(tomorrowKwh) is { } m) days[today.AddDays(1)] = m;
        return new SolarForecast { DailyEnergy = days };
    }

    /// <summary>Solcast: the <c>detailedForecast</c> attributes (arrays of {period_start, pv_estimate (kW)}) of
    /// <c>sensor.solcast_pv_forecast_forecast_today</c>, <c>…_tomorrow</c> …; a period in two of them counts once.</summary>
    public static SolarForecast FromSolcast(IEnumerable<JsonElement> detailedForecasts)
    {
        var periods = new SortedDictionary<DateTimeOffset, Power>();
        foreach (var list in detailedForecasts.Where(l => l.ValueKind == JsonValueKind.Array))
            foreach (var entry in list.EnumerateArray())
                if (Period(entry) is { } period) periods.TryAdd(period.Start, period.Value);
        if (periods.Count == 0) return SolarForecast.None;
        var starts = periods.Keys.ToList();
        var resolution = starts.Count > 1 ? starts.Zip(starts.Skip(1), (a, b) => b - a).Min() : SolcastPeriod;
        return new SolarForecast
        {
            Detailed = new TimeSeries<Power>(periods.Select(p => new TimePoint<Power>(p.Key, p.Value)), resolution),
        };
    }

    private static TimePoint<Power>? Period(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("period_start", out var start) || start.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(start.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || !entry.TryGetProperty("pv_estimate", out var estimate) || estimate.ValueKind != JsonValueKind.Number)
            return null;
        var kw = estimate.GetDouble();
        return double.IsFinite(kw) && kw >= 0 ? new TimePoint<Power>(at, Power.FromKilowatts(kw)) : null;
    }

    private static Energy? Kwh(string? state) =>
        double.TryParse(state, NumberStyles.Float, CultureInfo.InvariantCulture, out var kwh) && double.IsFinite(kwh) && kwh >= 0
            ? Energy.FromKilowattHours(kwh)
            : null;
}
