using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using ChargeBridge.Tests;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimHouseDayTests
{
    private static HomeSimTrace Load(HomeSimHouseDay day, TimeSpan pace, HomeSimNoise? noise)
    {
        using var amsterdam = File.OpenText(RepoPaths.SharedFile("data", "nl_amsterdam_heatpump_households_5min_2020.csv"));
        using var konstanz = File.OpenText(RepoPaths.SharedFile("data", "opsd_household_DE_KN_residential4_60min.csv"));
        return day.Load(amsterdam, konstanz, pace, noise);
    }

    [Fact]
    public void The_default_day_is_a_winter_house_with_a_sunny_6_kWp_roof_at_the_control_pace()
    {
        var trace = Load(HomeSimHouseDay.Default, TimeSpan.FromSeconds(1), HomeSimNoise.Default);
        var house = HomeSimTraceReaderTests.Amsterdam(24378, new DateOnly(2020, 1, 2));
        var pv = HomeSimTraceReaderTests.Konstanz(new DateOnly(2016, 6, 14));

        Assert.Equal(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.FromHours(1)), trace.Start);
        Assert.Equal(TimeSpan.FromSeconds(1), trace.Step);
        Assert.Equal(86_400, trace.Count);
        // resampling keeps energy; the PV is Konstanz's scaled from 9.5 to 6 kWp
        Assert.Equal(house.HouseEnergy.KilowattHours, trace.HouseEnergy.KilowattHours, 6);
        Assert.Equal(pv.PvEnergy.KilowattHours * 6 / 9.5, trace.PvEnergy.KilowattHours, 6);
        Assert.Equal(Power.Zero, trace.Pv[0]);
        Assert.True(trace.Pv[13 * 3600].Watts > 1000, $"PV at 13:00 is {trace.Pv[13 * 3600]}");
        // seeded noise: the same day again is the same trace
        Assert.Equal(trace.House, Load(HomeSimHouseDay.Default, TimeSpan.FromSeconds(1), HomeSimNoise.Default).House);
    }

    [Fact]
    public void Days_of_different_length_are_refused()
    {
        var clockChange = HomeSimHouseDay.Default with { PvDay = new DateOnly(2016, 3, 27) }; // 23 hours in Konstanz
        var error = Assert.Throws<ArgumentException>(() => Load(clockChange, TimeSpan.FromMinutes(5), null));
        Assert.Contains("equal length", error.Message);
    }
}
