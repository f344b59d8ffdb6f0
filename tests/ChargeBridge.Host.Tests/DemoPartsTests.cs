using ChargeBridge.Core.Units;
using ChargeBridge.Host.Demo;

namespace ChargeBridge.Host.Tests;

public class DemoPartsTests
{
    private static readonly DateTimeOffset At = new(2024, 11, 7, 6, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(70.8, true)]
    [InlineData(79.2, true)]
    [InlineData(70.7, false)]
    public void A_trip_is_met_when_the_car_held_at_least_its_target_at_the_start(double soc, bool met) =>
        Assert.Equal(met, new DemoEvent(At, At.AddHours(9), "Trip", new Percent(70.8), new Percent(soc), "garage").Met);

    [Fact]
    public void A_trip_the_day_never_reached_is_not_met() =>
        Assert.False(new DemoEvent(At, At.AddHours(9), "Trip", new Percent(20), null, "garage").Met);

    [Fact]
    public void The_scenario_needs_the_trip_energy_on_top_of_min_soc_and_has_two_days_of_hourly_household_prices()
    {
        var scenario = new DemoScenario();
        // 180 km × 175 Wh/km on a 62 kWh battery = 50.8 %-points on top of the 20 % floor.
        Assert.Equal(20 + 180 * 175 / 62000.0 * 100, scenario.TripTarget.Value, 6);
        Assert.Equal(48, scenario.Prices.Points.Count);
        Assert.Equal(TimeSpan.FromHours(1), scenario.Prices.Resolution);
        // 2024-11-06 17:00 CET: 0.55 EUR/kWh on the market, (0.55 + 0.1288) × 1.21 for the household.
        Assert.Equal((0.55 + 0.1288) * 1.21, scenario.Prices.ValueAt(new DateTimeOffset(2024, 11, 6, 16, 0, 0, TimeSpan.Zero))!.Value.EurPerKwh, 6);
        Assert.Equal(24, scenario.FirstDayPrices.Points.Count);
        Assert.True(scenario.Prices.CoveredUntil(scenario.Start) >= scenario.End);
    }

    [Fact]
    public void Without_the_shared_data_the_house_is_the_built_in_profile_without_pv_over_the_demo_s_local_day()
    {
        var house = DemoHouse.BuiltIn("no data here");
        Assert.False(house.FromData);
        Assert.Contains("no data here", house.Source);
        var trace = house.Trace;
        Assert.Equal((new DateTimeOffset(2024, 11, 6, 0, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(1), 24), (trace.Start, trace.Step, trace.Count));
        Assert.All(Enumerable.Range(0, 24), h => Assert.Equal(DemoScenario.HouseLoad(trace.TimeAt(h)), trace.House[h]));
        Assert.Equal(Energy.Zero, trace.PvEnergy);
    }

    [Fact]
    public void With_the_shared_data_the_house_is_the_chosen_days_at_the_house_step()
    {
        var house = DemoHouse.Load(DemoWorld.HouseStep);
        Assert.True(house.FromData, house.Source);
        Assert.Equal((DemoWorld.HouseStep, (int)(TimeSpan.FromDays(1) / DemoWorld.HouseStep)), (house.Trace.Step, house.Trace.Count));
        // Household 24378 on 25 February 2020; the Konstanz roof on a sunny 3 November 2016.
        Assert.InRange(house.Trace.HouseEnergy.KilowattHours, 26, 27.5);
        Assert.InRange(house.Trace.PvEnergy.KilowattHours, 30, 40);
    }

    [Fact]
    public void Shifting_the_scenario_moves_the_prices_the_publication_and_the_trip_together()
    {
        var scenario = new DemoScenario();
        var start = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
        var shifted = scenario.ShiftedTo(start);
        var by = start - scenario.Start;
        Assert.Equal(scenario.Trip.Start + by, shifted.Trip.Start);
        Assert.Equal(scenario.SecondDayPublished + by, shifted.SecondDayPublished);
        Assert.Equal(scenario.Prices.ValueAt(scenario.Start.AddHours(9)), shifted.Prices.ValueAt(start.AddHours(9)));
        Assert.Equal(scenario.TripTarget, shifted.TripTarget);
        Assert.Equal((scenario.SecondCar.PlugIn + by, scenario.SecondCar.Trip.Start + by), (shifted.SecondCar.PlugIn, shifted.SecondCar.Trip.Start));
        Assert.Equal((scenario.Evening.ShiftedBy(by), scenario.Noon.ShiftedBy(by)), (shifted.Evening, shifted.Noon));
    }

    [Fact]
    public void The_progress_bar_redraws_in_place_on_a_terminal_and_writes_a_line_per_tenth_elsewhere()
    {
        var terminal = new StringWriter();
        var log = new StringWriter();
        var onTerminal = new ProgressBar(terminal, interactive: true, width: 10);
        var inLog = new ProgressBar(log, interactive: false, width: 10);
        for (var i = 1; i <= 1000; i++)
        {
            onTerminal.Report(i / 1000.0, "day");
            inLog.Report(i / 1000.0, "day");
        }
        Assert.Equal(101, terminal.ToString().Count(c => c == '\r')); // 0 % to 100 %
        Assert.EndsWith("[##########] 100 %  day" + Environment.NewLine, terminal.ToString());
        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("[#####.....]  50 %  day", lines[5]);
        Assert.DoesNotContain('\r', log.ToString());
    }
}
