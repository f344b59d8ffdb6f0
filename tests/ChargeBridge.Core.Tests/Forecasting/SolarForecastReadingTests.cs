using System.Text.Json;
using ChargeBridge.Core.Forecasting;
using ChargeBridge.Tests;

namespace ChargeBridge.Core.Tests.Forecasting;

public sealed class SolarForecastReadingTests
{
    private static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.FixtureFile("home-assistant", name))).RootElement;

    private static JsonElement Detailed(string name) => Fixture(name).GetProperty("attributes").GetProperty("detailedForecast");

    [Fact]
    public void Forecast_solar_day_energies_are_read_and_an_unavailable_day_is_left_out()
    {
        var states = Fixture("forecast_solar_states.json").EnumerateArray().ToDictionary(s => s.GetProperty("entity_id").GetString()!, s => s.GetProperty("state").GetString());

        var solar = SolarForecastReading.FromForecastSolar(new DateOnly(2026, 6, 10), states["sensor.energy_production_today"], states["sensor.energy_production_tomorrow"]);

        Assert.Equal(31.27, Assert.Single(solar.DailyEnergy, d => d.Key == new DateOnly(2026, 6, 10)).Value.KilowattHours);
        Assert.Single(solar.DailyEnergy);
        Assert.Null(solar.Detailed);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-3")]
    [InlineData("NaN")]
    public void An_unreadable_day_energy_is_no_forecast(string? state) =>
        Assert.Empty(SolarForecastReading.FromForecastSolar(new DateOnly(2026, 6, 10), state, state).DailyEnergy);

    [Fact]
    public void Solcast_half_hours_of_today_and_tomorrow_make_one_series_in_watts()
    {
        var today = Fixture("solcast_forecast_today_state.json");

        var solar = SolarForecastReading.FromSolcast([Detailed("solcast_forecast_today_state.json"), Detailed("solcast_forecast_tomorrow_state.json"),
            Detailed("solcast_forecast_today_state.json")]);

        var series = solar.Detailed!;
        Assert.Equal(TimeSpan.FromMinutes(30), series.Resolution);
        Assert.Equal(96, series.Points.Count);
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 22, 0, 0, TimeSpan.Zero), series.Points[0].Start);
        // The half hours hold mean kW: their energy is the day's estimate.
        var todayKwh = series.Points.Take(48).Sum(p => p.Value.Kilowatts) / 2;
        Assert.Equal(double.Parse(today.GetProperty("state").GetString()!, System.Globalization.CultureInfo.InvariantCulture), todayKwh, 3);
    }

    [Fact]
    public void Solcast_entries_that_are_not_periods_are_skipped()
    {
        var list = JsonDocument.Parse("""
            [{"period_start": "2026-06-10T12:00:00+02:00", "pv_estimate": 2.5},
             {"period_start": "not a time", "pv_estimate": 1},
             {"period_start": "2026-06-10T13:00:00+02:00", "pv_estimate": "4"},
             {"period_start": "2026-06-10T13:30:00+02:00", "pv_estimate": -1},
             {"pv_estimate": 1}, 7, null]
            """).RootElement;

        var series = SolarForecastReading.FromSolcast([list, JsonDocument.Parse("\"unavailable\"").RootElement]).Detailed!;

        Assert.Equal(2500, Assert.Single(series.Points).Value.Watts);
        Assert.Null(SolarForecastReading.FromSolcast([]).Detailed);
    }
}
