using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Forecasting;

/// <summary>
/// What a solar-forecast integration says about the coming PV production: the energy of whole local days
/// (Forecast.Solar's <c>energy_production_today</c> / <c>_tomorrow</c>, kWh) and, when it gives one, a detailed
/// series of mean power (Solcast's <c>detailedForecast</c>, W). Either may be empty.
/// </summary>
public sealed record SolarForecast
{
    public static readonly SolarForecast None = new();

    /// <summary>The forecast production of each local day.</summary>
    public IReadOnlyDictionary<DateOnly, Energy> DailyEnergy { get; init; } = new Dictionary<DateOnly, Energy>();
    /// <summary>Forecast mean PV power per period; null: none.</summary>
    public TimeSeries<Power>? Detailed { get; init; }
}
