using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Prices;

public class TimeOfUseTariffTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Octopus Flux's shape: cheap 02:00–05:00, peak 16:00–19:00, 0.25 otherwise.</summary>
    private static TimeOfUseTariff Flux() => Create(0.25, W("02:00", "05:00", 0.15), W("16:00", "19:00", 0.35));

    private static TimeOfUseWindow W(string start, string end, double price) => new() { Start = start, End = end, Price = price };

    private static TimeOfUseTariff Create(double defaultPrice, params TimeOfUseWindow[] windows)
    {
        var tariff = TimeOfUseTariff.Create(windows, defaultPrice, out var problems);
        Assert.Empty(problems);
        return tariff!;
    }

    private static IReadOnlyList<TariffProblem> Problems(params TimeOfUseWindow[] windows)
    {
        Assert.Null(TimeOfUseTariff.Create(windows, 0.25, out var problems));
        return problems;
    }

    /// <summary>The hours of one local day's series that carry <paramref name="price"/>.</summary>
    private static double HoursAt(TimeSeries<EnergyPrice> series, double price) =>
        series.Points.Count(p => Math.Abs(p.Value.EurPerKwh - price) < 1e-12) * series.Resolution.TotalHours;

    private static TimeSeries<EnergyPrice> LocalDay(TimeOfUseTariff tariff, DateOnly day, TimeZoneInfo zone)
    {
        DateTimeOffset Midnight(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)));
        return tariff.Prices(Midnight(day), Midnight(day.AddDays(1)), zone);
    }

    [Fact]
    public void An_ordinary_day_has_96_quarter_hours_with_the_windows_at_their_local_times()
    {
        var day = LocalDay(Flux(), new DateOnly(2024, 7, 1), Amsterdam);

        Assert.Equal(96, day.Points.Count);
        Assert.Equal(3, HoursAt(day, 0.15));
        Assert.Equal(3, HoursAt(day, 0.35));
        // 02:00 in Amsterdam summer time is 00:00 UTC.
        Assert.Equal(0.15, day.ValueAt(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero))!.Value.EurPerKwh);
        Assert.Equal(0.25, day.ValueAt(new DateTimeOffset(2024, 6, 30, 23, 59, 0, TimeSpan.Zero))!.Value.EurPerKwh);
        Assert.Equal(0.35, day.ValueAt(new DateTimeOffset(2024, 7, 1, 16, 59, 0, TimeSpan.Zero))!.Value.EurPerKwh);
        Assert.Equal(0.25, day.ValueAt(new DateTimeOffset(2024, 7, 1, 17, 0, 0, TimeSpan.Zero))!.Value.EurPerKwh);
    }

    [Theory]
    // Amsterdam: 02:00 becomes 03:00 on 31 March 2024 and 03:00 goes back to 02:00 on 27 October 2024.
    [InlineData("Europe/Amsterdam", 2024, 3, 31, 92, 2)]
    [InlineData("Europe/Amsterdam", 2024, 10, 27, 100, 4)]
    // London: 01:00 becomes 02:00 on 31 March 2024 (the window loses nothing) and 02:00 goes back to 01:00 on 27 October.
    [InlineData("Europe/London", 2024, 3, 31, 92, 3)]
    [InlineData("Europe/London", 2024, 10, 27, 100, 3)]
    public void Daylight_saving_days_follow_the_local_clock(string zoneId, int year, int month, int dayOfMonth, int quarters, double cheapHours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var day = LocalDay(Flux(), new DateOnly(year, month, dayOfMonth), zone);

        Assert.Equal(quarters, day.Points.Count);
        Assert.Equal(cheapHours, HoursAt(day, 0.15));
        Assert.Equal(3, HoursAt(day, 0.35));
        Assert.Equal(day.Points[^1].Start + day.Resolution, day.CoveredUntil(day.Points[0].Start));
    }

    [Fact]
    public void A_window_that_starts_in_the_repeated_autumn_hour_holds_in_both()
    {
        var tariff = Create(0.30, W("01:00", "02:00", 0.10));
        var day = LocalDay(tariff, new DateOnly(2024, 10, 27), London);

        // 01:00 BST is 00:00 UTC, 01:00 GMT is 01:00 UTC.
        Assert.Equal(0.10, day.ValueAt(new DateTimeOffset(2024, 10, 27, 0, 30, 0, TimeSpan.Zero))!.Value.EurPerKwh);
        Assert.Equal(0.10, day.ValueAt(new DateTimeOffset(2024, 10, 27, 1, 30, 0, TimeSpan.Zero))!.Value.EurPerKwh);
        Assert.Equal(2, HoursAt(day, 0.10));
    }

    [Fact]
    public void A_window_across_midnight_holds_on_both_sides_and_24_00_ends_a_window_at_midnight()
    {
        var across = Create(0.30, W("23:00", "01:30", 0.08), W("17:00", "23:00", 0.40));
        var untilMidnight = Create(0.30, W("20:00", "24:00", 0.40), W("00:00", "01:00", 0.08));
        double At(TimeOfUseTariff tariff, int h, int m) => tariff.PriceAt(new DateTimeOffset(2024, 1, 10, h, m, 0, TimeSpan.Zero), London).EurPerKwh;

        Assert.Equal(0.40, At(across, 22, 45));
        Assert.Equal(0.08, At(across, 23, 0));
        Assert.Equal(0.08, At(across, 1, 15));
        Assert.Equal(0.30, At(across, 1, 30));
        Assert.Equal(0.30, At(untilMidnight, 19, 59));
        Assert.Equal(0.40, At(untilMidnight, 23, 59));
        Assert.Equal(0.08, At(untilMidnight, 0, 0));
    }

    [Fact]
    public void The_series_starts_at_the_quarter_hour_holding_the_start_and_covers_any_horizon()
    {
        var from = new DateTimeOffset(2024, 10, 26, 12, 7, 0, TimeSpan.Zero);
        var prices = Flux().Prices(from, from.AddHours(48), London);

        Assert.Equal(from.AddMinutes(-7), prices.Points[0].Start);
        Assert.Equal(from.AddHours(48).AddMinutes(8), prices.CoveredUntil(from));
    }

    [Theory]
    [InlineData("02:00", "05:00", "03:00", "06:00", "Windows:1 (03:00–06:00) overlaps Windows:0 (02:00–05:00) at 03:00")]
    [InlineData("22:00", "02:00", "01:45", "03:00", "Windows:1 (01:45–03:00) overlaps Windows:0 (22:00–02:00) at 01:45")]
    [InlineData("02:00", "05:00", "25:00", "06:00", "Windows:1:Start '25:00' is out of range")]
    [InlineData("24:00", "05:00", "16:00", "19:00", "Windows:0:Start '24:00' is out of range")]
    [InlineData("02:00", "05:60", "16:00", "19:00", "Windows:0:End '05:60' is out of range")]
    [InlineData("-02:00", "05:00", "16:00", "19:00", "Windows:0:Start '-02:00' is not a time of day")]
    [InlineData("2 am", "05:00", "16:00", "19:00", "Windows:0:Start '2 am' is not a time of day")]
    [InlineData("02:10", "05:00", "16:00", "19:00", "Windows:0:Start '02:10' is not on a quarter hour")]
    [InlineData("02:00", "02:00", "16:00", "19:00", "Windows:0 starts and ends at 02:00: a window must last at least a quarter hour")]
    [InlineData("00:00", "24:00", "16:00", "19:00", "Windows:0 starts and ends at 00:00")]
    public void A_tariff_that_cannot_work_is_refused_with_the_window_named(string start0, string end0, string start1, string end1, string problem) =>
        Assert.StartsWith(problem, Assert.Single(Problems(W(start0, end0, 0.1), W(start1, end1, 0.3))).ToString());

    [Fact]
    public void Every_problem_is_reported_at_once_including_prices_that_are_not_numbers()
    {
        Assert.Null(TimeOfUseTariff.Create([W("2", "5", double.NaN)], double.PositiveInfinity, out var problems));
        Assert.Equal(["DefaultPrice", "Windows:0:Start", "Windows:0:End", "Windows:0:Price"], problems.Select(p => p.Key));
    }
}
