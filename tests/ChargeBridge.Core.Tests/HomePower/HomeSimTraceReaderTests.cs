using ChargeBridge.Core.HomePower;
using ChargeBridge.Tests;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimTraceReaderTests
{
    internal static HomeSimTrace Amsterdam(int household, DateOnly day)
    {
        using var csv = File.OpenText(RepoPaths.SharedFile("data", "nl_amsterdam_heatpump_households_5min_2020.csv"));
        return HomeSimTraceReader.Amsterdam(csv, household, day);
    }

    internal static HomeSimTrace Konstanz(DateOnly day)
    {
        using var csv = File.OpenText(RepoPaths.SharedFile("data", "opsd_household_DE_KN_residential4_60min.csv"));
        return HomeSimTraceReader.Konstanz(csv, day);
    }

    [Fact]
    public void Amsterdam_reads_a_local_day_of_five_minute_watt_hours_as_watts()
    {
        var trace = Amsterdam(24378, new DateOnly(2020, 1, 2));

        Assert.Equal(DateTimeOffset.Parse("2020-01-01T23:00:00Z"), trace.Start);
        Assert.Equal(TimeSpan.FromMinutes(5), trace.Step);
        Assert.Equal(288, trace.Count);
        // Rows "24378,2020-01-01T23:00:00Z,64.2", "…2020-01-02T11:00:00Z,85.1", "…2020-01-02T22:55:00Z,31.7" (Wh per 5 min).
        Assert.Equal(64.2 * 12, trace.House[0].Watts, 9);
        Assert.Equal(85.1 * 12, trace.House[144].Watts, 9);
        Assert.Equal(31.7 * 12, trace.House[287].Watts, 9);
        Assert.All(trace.Pv, p => Assert.Equal(0, p.Watts));
    }

    [Fact]
    public void Amsterdam_refuses_a_day_with_missing_readings()
    {
        // Household 31329 has no readings 2020-01-16 00:10–05:30 UTC.
        var error = Assert.Throws<InvalidDataException>(() => Amsterdam(31329, new DateOnly(2020, 1, 16)));
        Assert.Contains("31329", error.Message);
    }

    [Fact]
    public void Konstanz_turns_hourly_meter_readings_into_house_and_pv_power()
    {
        var trace = Konstanz(new DateOnly(2016, 6, 14));

        Assert.Equal(DateTimeOffset.Parse("2016-06-13T22:00:00Z"), trace.Start);
        Assert.Equal(TimeSpan.FromHours(1), trace.Step);
        Assert.Equal(24, trace.Count);
        // 00–01 local: grid_import 3104.920 → 3105.160 kWh, no export, no PV.
        Assert.Equal(240, trace.House[0].Watts, 6);
        Assert.Equal(0, trace.Pv[0].Watts, 6);
        // 12–13 local: PV 5805.945 → 5809.250, export 4346.221 → 4349.444, import unchanged.
        Assert.Equal(3305, trace.Pv[12].Watts, 6);
        Assert.Equal(3305 - 3223, trace.House[12].Watts, 6);
        // 23–24 local: import 3106.847 → 3107.275.
        Assert.Equal(428, trace.House[23].Watts, 6);
    }

    [Fact]
    public void Konstanz_refuses_a_day_inside_a_gap()
    {
        // The OPSD counters are blank 2016-04-22…24.
        Assert.Throws<InvalidDataException>(() => Konstanz(new DateOnly(2016, 4, 23)));
    }

    [Fact]
    public void A_clock_change_day_has_23_hours()
    {
        Assert.Equal(23, Konstanz(new DateOnly(2016, 3, 27)).Count);
    }

    [Fact]
    public void The_konstanz_scale_turns_its_peak_into_another_roof()
    {
        Assert.Equal(0.5, HomeSimTraceReader.KonstanzPvScale(HomeSimTraceReader.KonstanzPvPeak * 0.5), 12);
    }
}
