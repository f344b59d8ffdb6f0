using ChargeBridge.Core.Planning;
using ChargeBridge.Core.PriceFeeds;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.Planning.Scenarios;
using ChargeBridge.Core.Tests.PriceFeeds;

namespace ChargeBridge.Core.Tests.Planning;

public class PriceGapTests
{
    private readonly LocalPlanner _planner = new();

    /// <summary>Hourly prices from midnight for 24 h, without the hours named.</summary>
    private static TimeSeries<EnergyPrice> DayWithout(double price, params int[] missing) =>
        new(Enumerable.Range(0, 24).Where(h => !missing.Contains(h))
            .Select(h => new TimePoint<EnergyPrice>(Midnight.AddHours(h), new EnergyPrice(price + h / 100.0))), TimeSpan.FromHours(1));

    private static double SocAt(Schedule s, DateTimeOffset at) => s.Slots.Last(x => x.End <= at).SocAtEnd.Value;

    [Fact]
    public void A_one_hour_gap_before_a_trip_is_bridged_and_the_trip_is_planned_and_met()
    {
        var trip = new SocTarget(Midnight.AddHours(10), new Percent(80));
        var request = Request(40) with { BuyPrices = DayWithout(0.2, 5), Targets = [trip] };

        var schedule = _planner.Plan(request);

        Assert.Equal([new PriceGap(Midnight.AddHours(5), Midnight.AddHours(6))], schedule.PriceGapsBridged);
        Assert.Null(schedule.UnpricedFrom);
        Assert.Equal(Midnight.AddHours(24), schedule.End);
        Assert.True(schedule.TargetsMet);
        Assert.InRange(SocAt(schedule, trip.At), 80 - 1e-6, 100);
    }

    [Fact]
    public void A_gap_is_priced_at_the_highest_price_around_it_for_buying_and_the_lowest_for_selling()
    {
        var series = BridgedSeries.Of(DayWithout(0.2, 5, 6), p => p.EurPerKwh, Midnight, Midnight.AddDays(1));

        Assert.Equal(Midnight.AddHours(24), series.CoveredUntil);
        Assert.Equal(0.2 + 7 / 100.0, series.High(Midnight.AddHours(5.5))!.Value, 12);
        Assert.Equal(0.2 + 4 / 100.0, series.Low(Midnight.AddHours(6.5))!.Value, 12);
        Assert.Equal(0.2 + 3 / 100.0, series.High(Midnight.AddHours(3))!.Value, 12);

        // The plan never charges in the gap for a price it only guessed: its cheapest guess is still the dearest around.
        var problem = PlanningProblem.From(Request(50) with { BuyPrices = DayWithout(0.2, 5, 6) });
        Assert.Equal(0.27, problem.BuyPrice[5 * 12], 12);
        Assert.Equal(0.24, problem.SellPrice[5 * 12], 12);
    }

    [Fact]
    public void A_gap_longer_than_three_hours_ends_the_prices_and_the_trip_after_it_is_still_met()
    {
        var trip = new SocTarget(Midnight.AddHours(12), new Percent(80));
        var request = Request(40) with { BuyPrices = DayWithout(0.2, 4, 5, 6, 7), Targets = [trip] };

        var schedule = _planner.Plan(request);

        Assert.Empty(schedule.PriceGapsBridged);
        Assert.Equal(Midnight.AddHours(4), schedule.UnpricedFrom);
        Assert.Equal(trip.At, schedule.End);
        Assert.True(schedule.TargetsMet);
        Assert.InRange(SocAt(schedule, trip.At - PlanningProblem.UnpricedSafetyMargin), 80 - 1e-6, 100);
        Assert.All(schedule.Slots, s => Assert.True(s.SetPoint.Watts >= 0, "nothing is discharged for a guessed price"));
    }

    [Fact]
    public void Three_hours_are_bridged()
    {
        var series = BridgedSeries.Of(DayWithout(0.2, 4, 5, 6), p => p.EurPerKwh, Midnight, Midnight.AddDays(1));
        Assert.Equal(Midnight.AddHours(24), series.CoveredUntil);
        Assert.Single(series.Gaps);
    }

    [Fact]
    public void Past_the_prices_a_trip_is_charged_for_as_late_as_safely_possible_where_the_prices_cannot_carry_it()
    {
        // Prices for 4 hours of a 62 kWh car at 10 %; the trip at 12:00 needs 70 %-points, more than 4 hours give.
        var trip = new SocTarget(Midnight.AddHours(12), new Percent(80));
        var request = Request(10, 0.3, 0.3, 0.3, 0.3) with { Targets = [trip] };

        var schedule = _planner.Plan(request);

        Assert.True(schedule.TargetsMet);
        Assert.All(schedule.Slots.Where(s => s.Start < Midnight.AddHours(4)), s => Assert.True(s.SetPoint.IsCharging));
        Assert.Equal(0, EnergyIn(schedule, 4, 8), 6);
        Assert.True(EnergyIn(schedule, 9, 11) > 0);
        Assert.InRange(SocAt(schedule, Midnight.AddHours(11)), 80 - 1e-6, 81);
    }

    [Fact]
    public void Targets_past_the_prices_and_past_the_horizon_wait_for_a_later_plan()
    {
        var request = Request(50, 0.2, 0.2) with { Horizon = TimeSpan.FromHours(6), Targets = [new SocTarget(Midnight.AddHours(8), new Percent(80))] };
        Assert.Equal(Midnight.AddHours(2), _planner.Plan(request).End);
    }

    [Theory]
    [InlineData(2026, 3, 29, 23)]
    [InlineData(2026, 10, 25, 25)]
    public void Daylight_saving_days_are_no_gaps(int year, int month, int day, int hours)
    {
        var date = new DateTime(year, month, day);
        var prices = "[" + string.Join(",", PriceJson.LocalDay(date, PriceJson.Amsterdam, TimeSpan.FromHours(1))
            .Select(s => $$"""{"time":"{{s.Start}}","price":0.{{10 + s.Index}}}""")) + "]";
        var series = EntsoePrices.Read(PriceJson.Attributes($$"""{"prices":{{prices}}}""")).Prices;
        var midnight = PriceJson.Midnight(date, PriceJson.Amsterdam);
        var request = new PlanRequest { Start = midnight, Soc = new Percent(50), BuyPrices = series, Horizon = TimeSpan.FromHours(hours) };

        var schedule = _planner.Plan(request);

        Assert.Equal(hours, series.Points.Count);
        Assert.Empty(schedule.PriceGapsBridged);
        Assert.Null(schedule.UnpricedFrom);
        Assert.Equal(PriceJson.Midnight(date.AddDays(1), PriceJson.Amsterdam), schedule.End);
    }

    [Fact]
    public void Malformed_and_unknown_price_entries_are_gaps_and_bridged()
    {
        var prices = "[" + string.Join(",", Enumerable.Range(0, 24).Select(h => h switch
        {
            3 => """{"time":"2024-06-01T03:00:00+00:00","price":"unknown"}""",
            4 => """{"time":"2024-06-01T04:00:00+00:00","price":null}""",
            5 => """{"time":"not a time","price":0.2}""",
            _ => $$"""{"time":"{{Midnight.AddHours(h):yyyy-MM-ddTHH:mm:sszzz}}","price":0.2}""",
        })) + "]";
        var series = EntsoePrices.Read(PriceJson.Attributes($$"""{"prices":{{prices}}}""")).Prices;

        var schedule = _planner.Plan(Request(50) with { BuyPrices = series });

        Assert.Equal([new PriceGap(Midnight.AddHours(3), Midnight.AddHours(6))], schedule.PriceGapsBridged);
        Assert.Equal(Midnight.AddHours(24), schedule.End);
    }

    [Fact]
    public void A_price_that_is_not_a_number_is_a_gap()
    {
        var points = Enumerable.Range(0, 24).Select(h => new TimePoint<EnergyPrice>(Midnight.AddHours(h), new EnergyPrice(h == 7 ? double.NaN : 0.2)));
        var series = BridgedSeries.Of(new TimeSeries<EnergyPrice>(points, TimeSpan.FromHours(1)), p => p.EurPerKwh, Midnight, Midnight.AddDays(1));

        Assert.Equal([new PriceGap(Midnight.AddHours(7), Midnight.AddHours(8))], series.Gaps);
        Assert.Equal(0.2, series.High(Midnight.AddHours(7))!.Value, 12);
    }

    [Fact]
    public void A_gap_at_the_series_end_is_no_bridge()
    {
        var series = BridgedSeries.Of(DayWithout(0.2), p => p.EurPerKwh, Midnight.AddHours(2), Midnight.AddDays(2));
        Assert.Equal(Midnight.AddHours(24), series.CoveredUntil);
        Assert.Empty(series.Gaps);
        Assert.Null(series.High(Midnight.AddHours(24)));
        Assert.Null(series.High(Midnight.AddHours(1)));
    }
}
