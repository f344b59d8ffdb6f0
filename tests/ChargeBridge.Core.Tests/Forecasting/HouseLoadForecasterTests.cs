using ChargeBridge.Core.Forecasting;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;
using static ChargeBridge.Core.Tests.Forecasting.ForecastHistory;

namespace ChargeBridge.Core.Tests.Forecasting;

public sealed class HouseLoadForecasterTests
{
    // Monday 2 March 2026, 00:00 local (CET).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(27);

    [Fact]
    public void By_default_the_recent_days_at_the_local_time_of_day_are_the_forecast()
    {
        var now = _time.GetUtcNow();
        // Evenings at 19:00 used 1000 W more each day of the last week than the day before.
        var history = Hourly(now.AddDays(-28), now, t => t.Hour == 19 ? 1000 * (t - new DateTime(2026, 2, 1)).Days : 400);

        var forecast = new HouseLoadForecaster().Forecast(history, now, Horizon, Amsterdam)!;

        // 23 February to 1 March: 22 000 to 28 000 W, the highest and lowest left out.
        Assert.Equal((23_000 + 24_000 + 25_000 + 26_000 + 27_000) / 5.0, Watts(forecast, now.AddHours(19)), 6);
        Assert.Equal(400, Watts(forecast, now.AddHours(18)));
    }

    [Fact]
    public void With_same_weekdays_each_weekday_gets_its_own_profile()
    {
        var now = _time.GetUtcNow();
        // Mondays cook at 18:00 (2500 W), other days at 19:00 (1500 W); 400 W otherwise.
        var history = Hourly(now.AddDays(-28), now, t =>
            t.DayOfWeek == DayOfWeek.Monday && t.Hour == 18 ? 2500 : t.DayOfWeek != DayOfWeek.Monday && t.Hour == 19 ? 1500 : 400);

        var forecast = new HouseLoadForecaster { SameWeekdays = 4 }.Forecast(history, now, TimeSpan.FromHours(48), Amsterdam)!;

        Assert.Equal(48, forecast.Points.Count);
        Assert.Equal(2500, Watts(forecast, now.AddHours(18)));
        Assert.Equal(400, Watts(forecast, now.AddHours(19)));
        Assert.Equal(400, Watts(forecast, now.AddHours(24 + 18)));
        Assert.Equal(1500, Watts(forecast, now.AddHours(24 + 19)));
    }

    [Fact]
    public void After_the_clocks_go_forward_the_peak_stays_at_its_local_hour()
    {
        // The history is in winter time (07:00 CET = 06:00 UTC); the forecast day, Monday 30 March 2026, in summer
        // time, where 07:00 CEST is 05:00 UTC.
        var now = new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero);
        var history = Hourly(now.AddDays(-21), now, t => t.Hour == 7 ? 3000 : 300);

        var forecast = new HouseLoadForecaster().Forecast(history, now, TimeSpan.FromHours(24), Amsterdam)!;

        Assert.Equal(3000, Watts(forecast, new DateTimeOffset(2026, 3, 30, 5, 0, 0, TimeSpan.Zero)));
        Assert.Equal(300, Watts(forecast, new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_repeated_hour_of_the_25_hour_day_is_learnt_once_and_forecast_twice()
    {
        // History over Sunday 25 October 2026 (02:00 local twice); forecast for Sunday 1 November from the day before.
        var now = new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero);
        var history = Hourly(now.AddDays(-28), now, t => t.Hour == 2 ? 1200 : 200);

        var forecast = new HouseLoadForecaster().Forecast(history, now, TimeSpan.FromHours(24), Amsterdam)!;

        Assert.Equal(1200, Watts(forecast, now.AddHours(2)));
        Assert.Equal(200, Watts(forecast, now.AddHours(3)));
        Assert.All(forecast.Points, p => Assert.True(p.Value.Watts is 200 or 1200));
    }

    [Fact]
    public void One_odd_evening_adds_its_energy_to_the_day_but_no_peak()
    {
        var now = _time.GetUtcNow();
        // A party on one evening of the week: 9000 W instead of 500 W.
        var party = now.AddDays(-3).AddHours(20);
        var history = Hourly(now.AddDays(-28), now, t => TimeZoneInfo.ConvertTime(party, Amsterdam).DateTime == t ? 9000 : 500);

        var forecast = new HouseLoadForecaster().Forecast(history, now, Horizon, Amsterdam)!;

        Assert.Equal(Watts(forecast, now.AddHours(10)), Watts(forecast, now.AddHours(20)), 6);
        // The week's mean day: 24 h at 500 W plus the party's extra 8500 Wh over seven days.
        var day = forecast.Points.Where(p => p.Start < now.AddDays(1)).Sum(p => p.Value.Watts);
        Assert.Equal(24 * 500 + 8500 / 7.0, day, 6);
    }

    [Fact]
    public void With_too_few_same_weekdays_the_recent_days_stand_in()
    {
        var now = _time.GetUtcNow();
        // Friday to Sunday: no Monday in it.
        var history = Hourly(now.AddDays(-3), now, t => t.DayOfWeek switch { DayOfWeek.Friday => 600, DayOfWeek.Saturday => 700, _ => 100 });

        var forecast = new HouseLoadForecaster { SameWeekdays = 4 }.Forecast(history, now, Horizon, Amsterdam)!;

        Assert.Equal((600 + 700 + 100) / 3.0, Watts(forecast, now.AddHours(9)), 6);
    }

    [Fact]
    public void Too_little_history_gives_no_forecast()
    {
        var now = _time.GetUtcNow();
        Assert.Null(new HouseLoadForecaster().Forecast(Hourly(now.AddHours(-20), now, _ => 500), now, Horizon, Amsterdam));
        Assert.Null(new HouseLoadForecaster().Forecast(new TimeSeries<Power>([], TimeSpan.FromHours(1)), now, Horizon, Amsterdam));
        // Seven-minute points do not fit a day's slots.
        var odd = new TimeSeries<Power>(Enumerable.Range(0, 1000).Select(i => new TimePoint<Power>(now.AddMinutes(-7 * (i + 1)), Power.FromWatts(500))),
            TimeSpan.FromMinutes(7));
        Assert.Null(new HouseLoadForecaster().Forecast(odd, now, Horizon, Amsterdam));
    }

    [Fact]
    public void Unreadable_values_and_gaps_are_skipped_and_nothing_after_the_start_is_used()
    {
        var now = _time.GetUtcNow();
        var history = Hourly(now.AddDays(-28), now.AddDays(2), t =>
            t.Hour == 3 ? double.NaN : t.Hour == 4 ? null : t.Hour == 5 ? -50 : t >= TimeZoneInfo.ConvertTime(now, Amsterdam).DateTime ? 99999 : 700);

        var forecast = new HouseLoadForecaster().Forecast(history, now, Horizon, Amsterdam)!;

        Assert.Null(forecast.ValueAt(now.AddHours(3)));
        Assert.Null(forecast.ValueAt(now.AddHours(4)));
        Assert.Equal(0, Watts(forecast, now.AddHours(5)));
        Assert.Equal(700, Watts(forecast, now.AddHours(6)));
    }

    [Fact]
    public void Five_minute_history_gives_a_five_minute_forecast()
    {
        var now = _time.GetUtcNow();
        // A kettle at 07:10–07:15 local every day.
        var points = Enumerable.Range(1, 8 * 288).Select(i => now.AddMinutes(-5 * i))
            .Select(t => new TimePoint<Power>(t, Power.FromWatts(TimeZoneInfo.ConvertTime(t, Amsterdam) is { Hour: 7, Minute: 10 } ? 2200 : 300)));

        var forecast = new HouseLoadForecaster().Forecast(new TimeSeries<Power>(points, TimeSpan.FromMinutes(5)), now, Horizon, Amsterdam)!;

        Assert.Equal(TimeSpan.FromMinutes(5), forecast.Resolution);
        Assert.Equal(27 * 12, forecast.Points.Count);
        Assert.Equal(2200, Watts(forecast, now.AddHours(7).AddMinutes(12)));
        Assert.Equal(300, Watts(forecast, now.AddHours(7).AddMinutes(15)));
    }

    [Fact]
    public void A_start_inside_an_hour_begins_with_that_hour()
    {
        var now = _time.GetUtcNow().AddMinutes(25);
        var history = Hourly(now.AddDays(-8), now, _ => 450);

        var forecast = new HouseLoadForecaster().Forecast(history, now, Horizon, Amsterdam)!;

        Assert.Equal(now.AddMinutes(-25), forecast.Points[0].Start);
        Assert.Equal(450, Watts(forecast, now));
    }
}
