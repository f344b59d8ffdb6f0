using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// A demo and test house-day: one Amsterdam household's consumption on <see cref="HouseDay"/> with the Konstanz roof's PV
/// of <see cref="PvDay"/> scaled to <see cref="PvPeak"/>, both at the control pace, in one <see cref="HomeSimTrace"/> on
/// the house day's timestamps. The data sets cover different years (Amsterdam Jan–Mar 2020, Konstanz Oct 2015–Feb 2017),
/// so a winter house and a sunny PV day come from two dates; the two days must have the same length (no clock change).
/// </summary>
/// <param name="Household">The Amsterdam household id (e.g. 24378; 31260, 31329 and 40322 have gaps).</param>
/// <param name="HouseDay">The local day (Europe/Amsterdam) of the house consumption.</param>
/// <param name="PvDay">The local day (Europe/Berlin) of the Konstanz PV.</param>
/// <param name="PvPeak">The roof the PV is scaled to (Konstanz is taken as 9.5 kWp).</param>
public sealed record HomeSimHouseDay(int Household, DateOnly HouseDay, DateOnly PvDay, Power PvPeak)
{
    /// <summary>The benchmarks' day: household 24378 on 2 January 2020 with the PV of 14 June 2016 on a 6 kWp roof.</summary>
    public static HomeSimHouseDay Default { get; } = new(24378, new DateOnly(2020, 1, 2), new DateOnly(2016, 6, 14), Power.FromKilowatts(6));

    /// <summary>
    /// Reads the day from the shared files' text (<c>nl_amsterdam_heatpump_households_5min_2020.csv</c> and
    /// <c>opsd_household_DE_KN_residential4_60min.csv</c>) and resamples both to <paramref name="pace"/> (which must
    /// divide 5 minutes) with <paramref name="noise"/>: the house takes its noise from the seed, the PV from seed + 1,
    /// as <see cref="HomeSimTrace.Resample"/> does for one trace. Energy per data interval is kept.
    /// </summary>
    public HomeSimTrace Load(TextReader amsterdamCsv, TextReader konstanzCsv, TimeSpan pace, HomeSimNoise? noise = null)
    {
        var house = HomeSimTraceReader.Amsterdam(amsterdamCsv, Household, HouseDay).Resample(pace, noise);
        var pv = HomeSimTraceReader.Konstanz(konstanzCsv, PvDay).Resample(pace, noise);
        if (house.Count != pv.Count)
            throw new ArgumentException($"the house day {HouseDay} lasts {house.End - house.Start}, the PV day {PvDay} {pv.End - pv.Start}: pick days of equal length");
        return HomeSimTrace.Combine(house, pv, HomeSimTraceReader.KonstanzPvScale(PvPeak));
    }
}
