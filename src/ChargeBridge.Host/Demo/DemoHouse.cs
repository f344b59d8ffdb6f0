using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Verbs;

namespace ChargeBridge.Host.Demo;

/// <summary>
/// The house behind the demo site's grid meter, as the <see cref="Devices.Twins.HouseTwin"/> plays it: <see cref="Day"/>
/// read from ../shared/data next to the repository and resampled to the demo's house step (<see cref="HomeSimHouseDay"/>:
/// energy per data interval kept, no noise), or, where that folder is missing (an installed binary, the add-on image), the
/// built-in profile of <see cref="DemoScenario.HouseLoad"/> without PV, so the demo still runs; <see cref="Source"/> says which.
/// </summary>
/// <param name="Trace">One local day of house consumption and PV; the demo plays it from its first local midnight on.</param>
/// <param name="Source">What the trace is, for the console and the report.</param>
/// <param name="FromData">Whether the trace is the shared data's (with PV) or the built-in profile's.</param>
internal sealed record DemoHouse(HomeSimTrace Trace, string Source, bool FromData)
{
    public const string AmsterdamFile = "nl_amsterdam_heatpump_households_5min_2020.csv";
    public const string KonstanzFile = "opsd_household_DE_KN_residential4_60min.csv";

    /// <summary>
    /// A late-winter Amsterdam day with the evening load V2H can cover (1.3 kW on average 17–23 h, 0.6 kW at noon) and a
    /// sunny autumn day of the Konstanz roof at its own 9.5 kWp (37 kWh, 6.2 kW in its best hour), close to the demo's
    /// November date; the data has no Amsterdam November and no Dutch PV.
    /// </summary>
    public static readonly HomeSimHouseDay Day = new(24378, new DateOnly(2020, 2, 25), new DateOnly(2016, 11, 3), HomeSimTraceReader.KonstanzPvPeak);

    /// <summary>The shared data's day in steps of <paramref name="pace"/>, or the built-in profile when a file is missing.</summary>
    public static DemoHouse Load(TimeSpan pace)
    {
        string amsterdam, konstanz;
        try
        {
            (amsterdam, konstanz) = (SimulateYear.DataFile(AmsterdamFile), SimulateYear.DataFile(KonstanzFile));
        }
        catch (FileNotFoundException)
        {
            return BuiltIn($"{AmsterdamFile} and {KonstanzFile} are not in ../shared/data beside the repository");
        }
        using var house = File.OpenText(amsterdam);
        using var pv = File.OpenText(konstanz);
        return new DemoHouse(Day.Load(house, pv, pace),
            $"household {Day.Household} of the Amsterdam 5-minute data on {Day.HouseDay:yyyy-MM-dd} with the Konstanz roof's PV of {Day.PvDay:yyyy-MM-dd} ({Day.PvPeak.Kilowatts:0.0} kWp)",
            FromData: true);
    }

    /// <summary>The profile of <see cref="DemoScenario.HouseLoad"/> hour by hour over the scenario's first local day, no PV.</summary>
    public static DemoHouse BuiltIn(string why)
    {
        var start = new DemoScenario().Start;
        var local = TimeZoneInfo.ConvertTime(start, DemoScenario.Zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        var house = Enumerable.Range(0, 24).Select(h => DemoScenario.HouseLoad(midnight.AddHours(h))).ToArray();
        return new DemoHouse(new HomeSimTrace(midnight, TimeSpan.FromHours(1), house, new Power[house.Length]),
            $"the built-in profile without PV ({why})", FromData: false);
    }
}
