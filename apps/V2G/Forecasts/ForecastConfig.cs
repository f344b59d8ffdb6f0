using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G.Forecasts;

/// <summary>
/// Where the house-load and PV forecasts learn from: HA's long-term statistics of the house's consumption (one
/// power sensor, or terms that add up to it, such as grid import − grid export + PV energy) and of the PV's
/// production, and optionally a solar-forecast integration's day sensors. Nothing set: no forecasts.
/// </summary>
public sealed class ForecastConfig
{
    /// <summary>Statistic ids whose sum is the house's consumption; a leading '-' subtracts one
    /// (<c>[sensor.grid_import, -sensor.grid_export, sensor.pv_energy]</c>). Power (mean W) or energy (kWh) sensors.</summary>
    public List<string> HouseStatistics { get; set; } = [];
    /// <summary>The statistic id of the PV's production (a power or an energy sensor); empty: no PV forecast.</summary>
    public string? PvStatistic { get; set; }
    /// <summary>The solar forecast's sensor for today: Forecast.Solar's <c>sensor.energy_production_today</c> or Solcast's
    /// <c>sensor.solcast_pv_forecast_forecast_today</c> (its <c>detailedForecast</c> attribute is used when present).</summary>
    public string? SolarForecastToday { get; set; }
    /// <summary>The same for tomorrow (<c>…_tomorrow</c>).</summary>
    public string? SolarForecastTomorrow { get; set; }
    /// <summary>Days of hourly statistics to learn from: 7–60 (28, four of each weekday).</summary>
    public int HistoryDays { get; set; } = 28;

    public bool Enabled => HouseStatistics.Count > 0 || !string.IsNullOrWhiteSpace(PvStatistic);

    /// <summary>A house term's statistic id and its sign.</summary>
    public IEnumerable<(string StatisticId, int Sign)> HouseTerms =>
        HouseStatistics.Select(t => t.StartsWith('-') ? (t[1..].Trim(), -1) : (t.Trim(), 1));

    public IEnumerable<ConfigProblem> Validate()
    {
        foreach (var (id, _) in HouseTerms.Where(t => !ValidStatistic(t.StatisticId)))
            yield return new(nameof(HouseStatistics), $"holds '{id}', which is not a statistic id: put sensors like sensor.house_power, a '-' before one to subtract it.");
        foreach (var (key, id) in new[] { (nameof(PvStatistic), PvStatistic), (nameof(SolarForecastToday), SolarForecastToday), (nameof(SolarForecastTomorrow), SolarForecastTomorrow) })
            if (!string.IsNullOrWhiteSpace(id) && !(key == nameof(PvStatistic) ? ValidStatistic(id) : EntityIds.Valid(id)))
                yield return new(key, $"'{id}' is not an entity id: put a sensor here, or leave it empty.");
        if (HistoryDays is < 7 or > 60)
            yield return new(nameof(HistoryDays), $"must be between 7 and 60 days, not {HistoryDays}: four weeks give four of each weekday.");
    }

    /// <summary>A sensor's statistic id, or an integration's external one (<c>source:name</c>, same shape).</summary>
    private static bool ValidStatistic(string id) => EntityIds.Valid(id) || EntityIds.Valid(id.Replace(':', '.'));
}
