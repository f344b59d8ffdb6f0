using ChargeBridge.Core.Forecasting;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;
using static ChargeBridge.Core.Tests.Forecasting.ForecastHistory;

namespace ChargeBridge.Core.Tests.Forecasting;

public sealed class PvForecasterTests
{
    // Wednesday 10 June 2026, 00:00 local (CEST).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 9, 22, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(27);

    /// <summary>A sunny day's bell from 06:00 to 21:00 local, peaking at <paramref name="peak"/> W at 13:30.</summary>
    private static double Bell(DateTime local, double peak) =>
        local.Hour is >= 6 and < 21 ? peak * Math.Sin(Math.PI * (local.Hour + 0.5 - 6) / 15) : 0;

    [Fact]
    public void Without_a_solar_forecast_the_recent_days_mean_is_the_forecast()
    {
        var now = _time.GetUtcNow();
        // Alternating sunny (6000 W peak) and dull (2000 W peak) days.
        var history = Hourly(now.AddDays(-14), now, t => Bell(t, t.Day % 2 == 0 ? 6000 : 2000));

        var forecast = new PvForecaster().Forecast(history, now, Horizon, Amsterdam)!;

        var noon = now.AddHours(13);
        var recent = Enumerable.Range(1, 14).Select(d => TimeZoneInfo.ConvertTime(noon.AddDays(-d), Amsterdam).DateTime)
            .Select(t => Bell(t, t.Day % 2 == 0 ? 6000 : 2000)).Average();
        Assert.Equal(recent, Watts(forecast, noon), 6);
        Assert.Equal(0, Watts(forecast, now.AddHours(2)));
    }

    [Fact]
    public void A_daily_energy_forecast_scales_the_clear_sky_shape_to_that_energy()
    {
        var now = _time.GetUtcNow();
        var history = Hourly(now.AddDays(-14), now, t => Bell(t, t.Day % 3 == 0 ? 7000 : 1500));
        var today = new DateOnly(2026, 6, 10);
        var solar = SolarForecastReading.FromForecastSolar(today, "30.5", "unavailable");

        var forecast = new PvForecaster().Forecast(history, now, TimeSpan.FromHours(48), Amsterdam, solar)!;

        var todayKwh = forecast.Points.Where(p => p.Start < now.AddDays(1)).Sum(p => p.Value.Watts) / 1000;
        Assert.Equal(30.5, todayKwh, 6);
        // The shape is the sunny days' bell, so the peak is where theirs is.
        Assert.Equal(now.AddHours(13), forecast.Points.Where(p => p.Start < now.AddDays(1)).MaxBy(p => p.Value.Watts).Start);
        // Tomorrow's forecast is unavailable: the recent mean stands in.
        var tomorrowNoon = now.AddHours(24 + 13);
        // Today has no history yet: the fourteen days before it.
        var recent = Enumerable.Range(2, 14).Select(d => TimeZoneInfo.ConvertTime(tomorrowNoon.AddDays(-d), Amsterdam).DateTime)
            .Select(t => Bell(t, t.Day % 3 == 0 ? 7000 : 1500)).Average();
        Assert.Equal(recent, Watts(forecast, tomorrowNoon), 6);
    }

    [Fact]
    public void A_detailed_forecast_is_used_where_it_covers_the_slot()
    {
        var now = _time.GetUtcNow();
        var history = Hourly(now.AddDays(-14), now, t => Bell(t, 5000));
        var halfHours = Enumerable.Range(0, 48).Select(i => new TimePoint<Power>(now.AddMinutes(30 * i), Power.FromKilowatts(i % 2 == 0 ? 1 : 3)));
        var solar = new SolarForecast { Detailed = new TimeSeries<Power>(halfHours, TimeSpan.FromMinutes(30)) };

        var forecast = new PvForecaster().Forecast(history, now, Horizon, Amsterdam, solar)!;

        Assert.Equal(2000, Watts(forecast, now.AddHours(13)));
        // Past the detailed forecast's end, the history's profile.
        Assert.Equal(Bell(TimeZoneInfo.ConvertTime(now.AddHours(25), Amsterdam).DateTime, 5000), Watts(forecast, now.AddHours(25)), 6);
    }

    [Fact]
    public void Negative_readings_count_as_no_production()
    {
        var now = _time.GetUtcNow();
        var history = Hourly(now.AddDays(-7), now, t => t.Hour is >= 6 and < 21 ? 3000 : -15);

        var forecast = new PvForecaster().Forecast(history, now, Horizon, Amsterdam)!;

        Assert.Equal(0, Watts(forecast, now.AddHours(1)));
        Assert.All(forecast.Points, p => Assert.True(p.Value.Watts >= 0));
    }

    [Fact]
    public void Without_history_only_a_detailed_forecast_gives_one()
    {
        var now = _time.GetUtcNow();
        var empty = new TimeSeries<Power>([], TimeSpan.FromHours(1));
        Assert.Null(new PvForecaster().Forecast(empty, now, Horizon, Amsterdam));
        Assert.Null(new PvForecaster().Forecast(empty, now, Horizon, Amsterdam, SolarForecastReading.FromForecastSolar(new DateOnly(2026, 6, 10), "20", "20")));

        var detailed = new TimeSeries<Power>([new(now, Power.FromKilowatts(-0.2)), new(now.AddMinutes(30), Power.FromKilowatts(1.5))], TimeSpan.FromMinutes(30));
        var forecast = new PvForecaster().Forecast(empty, now, Horizon, Amsterdam, new SolarForecast { Detailed = detailed })!;
        Assert.Equal([0, 1500], forecast.Points.Select(p => p.Value.Watts));
    }
}
