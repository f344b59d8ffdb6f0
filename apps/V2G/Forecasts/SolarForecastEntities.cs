using ChargeBridge.Core.Forecasting;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.V2G.Forecasts;

/// <summary>The configured solar-forecast sensors as they are now: Solcast when today's sensor has a
/// <c>detailedForecast</c> attribute, otherwise Forecast.Solar's day energies (kWh states).</summary>
internal static class SolarForecastEntities
{
    public const string SolcastDetail = "detailedForecast";

    public static SolarForecast Read(IHaContext ha, ForecastConfig config, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(config.SolarForecastToday)) return SolarForecast.None;
        var todayState = ha.GetState(config.SolarForecastToday);
        var tomorrowState = string.IsNullOrWhiteSpace(config.SolarForecastTomorrow) ? null : ha.GetState(config.SolarForecastTomorrow);
        if (todayState?.Attribute(SolcastDetail) is { } detail)
            return SolarForecastReading.FromSolcast(tomorrowState?.Attribute(SolcastDetail) is { } next ? [detail, next] : [detail]);
        return SolarForecastReading.FromForecastSolar(today, todayState?.State, tomorrowState?.State);
    }
}
