using ChargeBridge.Core.Forecasting;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Simulation;

/// <summary>
/// What a plan in the simulation knows of the house and PV ahead when it sees only the past, as the V2G app does: the
/// product's forecasters (<see cref="HouseLoadForecaster"/>, <see cref="PvForecaster"/> from history alone) on the
/// household's measured series before the plan's start. One forecast per hour covers every plan made within it.
/// </summary>
public sealed class HouseholdForecast(Household household, TimeZoneInfo zone)
{
    /// <summary>How far back the forecasters read (they use the last 7 and 14 days; more costs time only).</summary>
    private static readonly TimeSpan History = TimeSpan.FromDays(21);
    /// <summary>Longer than any plan's horizon (27 h), so one forecast per hour serves all of its plans.</summary>
    private static readonly TimeSpan Reach = TimeSpan.FromHours(30);

    private readonly HouseLoadForecaster _house = new();
    private readonly PvForecaster _pv = new();
    private DateTimeOffset _hour = DateTimeOffset.MinValue;
    private SiteForecast? _forecast;

    /// <summary>The forecast for a plan from <paramref name="from"/> (its horizon is always within <see cref="Reach"/>).</summary>
    public SiteForecast? For(DateTimeOffset from, TimeSpan horizon)
    {
        if (horizon > Reach) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"forecasts reach {Reach} ahead");
        var hour = new DateTimeOffset(from.UtcTicks - from.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        if (hour == _hour) return _forecast;
        _hour = hour;
        var house = _house.Forecast(Past(household.House, hour), hour, Reach + TimeSpan.FromHours(1), zone);
        var pv = _pv.Forecast(Past(household.Pv, hour), hour, Reach + TimeSpan.FromHours(1), zone);
        return _forecast = house is null && pv is null ? null : new SiteForecast { HouseLoad = house, PvPower = pv, Grid = GridConnection.Unlimited };
    }

    private static TimeSeries<Power> Past(TimeSeries<Power> series, DateTimeOffset before) => series.Between(before - History, before);
}
