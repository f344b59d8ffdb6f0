using ChargeBridge.Core.Units;
using ChargeBridge.Host;

namespace ChargeBridge.Host.Tests;

public class SimulateHouseholdCsvTests
{
    private static ChargeBridge.Core.Simulation.Household Konstanz(int year, double pvScale = 1)
    {
        using var reader = File.OpenText(SimulateYear.DataFile("opsd_household_DE_KN_residential4_60min.csv"));
        return SimulateHouseholdCsv.Read(reader, "konstanz", year, pvScale);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2023)]
    public void Konstanz_covers_every_hour_of_the_price_year_on_the_same_weekdays(int year)
    {
        var household = Konstanz(year);

        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var at = from; at < from.AddYears(1); at = at.AddHours(1))
        {
            Assert.NotNull(household.House.ValueAt(at));
            Assert.NotNull(household.Pv.ValueAt(at));
        }
        // Moved by whole weeks: the first point is on the weekday of the data's first complete hour (a Sunday, 2015-10-11).
        Assert.Equal(DayOfWeek.Sunday, household.House.Points[0].Start.DayOfWeek);
        Assert.All(household.House.Points.Concat(household.Pv.Points), p => Assert.True(p.Value >= Power.Zero));
    }

    [Fact]
    public void Konstanz_house_leaves_out_the_households_own_ev_and_pv_scales()
    {
        var full = Konstanz(2024);
        var half = Konstanz(2024, 0.5);

        // About 6.8 MWh a year with heat pump and EV (data/SOURCES.md); the EV sub-meter (≈ 1 MWh a year) is left out.
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        double HouseKwh() => Enumerable.Range(0, 8784).Sum(h => full.House.ValueAt(from.AddHours(h))!.Value.Watts) / 1000;
        Assert.InRange(HouseKwh(), 4000, 6500);
        var noon = new DateTimeOffset(2024, 6, 12, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal(full.Pv.ValueAt(noon)!.Value.Watts * 0.5, half.Pv.ValueAt(noon)!.Value.Watts, 6);
        Assert.True(full.Pv.ValueAt(noon)!.Value > Power.FromKilowatts(1));
    }

    [Fact]
    public void A_plain_csv_reads_house_and_pv_at_its_own_resolution()
    {
        var csv = "start,house_w,pv_w\n2024-06-01T00:00:00+02:00,400,0\n2024-06-01T00:15:00+02:00,-5,100\n";
        var household = SimulateHouseholdCsv.Read(new StringReader(csv), "plain", 2024, 2);

        Assert.Equal(TimeSpan.FromMinutes(15), household.House.Resolution);
        Assert.Equal(Power.Zero, household.House.ValueAt(new DateTimeOffset(2024, 6, 1, 0, 20, 0, TimeSpan.FromHours(2))));
        Assert.Equal(Power.FromWatts(200), household.Pv.ValueAt(new DateTimeOffset(2024, 6, 1, 0, 20, 0, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData("start,house_w\n2024-06-01T00:00:00+02:00,400\n", "pv_w")]
    [InlineData("start,house_w,pv_w\n2024-06-01T00:00:00,400,0\n2024-06-01T01:00:00+02:00,1,1\n", "offset")]
    [InlineData("start,house_w,pv_w\n2024-06-01T00:00:00+02:00,lots,0\n2024-06-01T01:00:00+02:00,1,1\n", "not a number")]
    [InlineData("", "empty")]
    public void Bad_files_are_refused_with_the_reason(string csv, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SimulateHouseholdCsv.Read(new StringReader(csv), "bad.csv", 2024, 1));
        Assert.Contains(reason, error.Message);
    }
}
