using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

/// <summary>The split of a loadpoint's energy by source: the rule on one interval's powers, and the statistics counting it
/// per 5-minute interval into the lifetime and period totals without changing the charged and discharged totals.</summary>
public sealed class EnergySourcesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly ChargeSettings Settings = new();
    private static readonly TimeSeries<EnergyPrice> Prices =
        new(Enumerable.Range(0, 24).Select(h => new TimePoint<EnergyPrice>(T0.AddHours(h), new EnergyPrice(0.25))), TimeSpan.FromHours(1));

    private static SitePower Site(double gridW, double loadpointsW) => new(Power.FromWatts(gridW), Power.FromWatts(loadpointsW));

    /// <summary>A balance as the site loop makes it: grid (import +) and the loadpoints' sum; null grid when the meter is missing or stale.</summary>
    private static SiteBalance Balance(double? gridW, double loadpointsW) =>
        new(gridW is { } g ? Power.FromWatts(g) : null, null, null, Power.FromWatts(loadpointsW), null, null,
            gridW is null ? MeterHealth.Unknown : MeterHealth.Ok, []);

    /// <summary>One observation a minute for <paramref name="minutes"/> minutes from <paramref name="from"/>, then one at the end
    /// so the last interval completes.</summary>
    private static void Run(ChargingStatistics stats, DateTimeOffset from, int minutes, double watts, SiteBalance? site)
    {
        for (var m = 0; m < minutes; m++)
            stats.Record(from.AddMinutes(m), Power.FromWatts(watts), true, new Percent(50), Prices, Settings, site);
    }

    private static ChargingStatistics New() => new(StatisticsState.Empty, TimeZoneInfo.Utc);

    [Theory]
    // Charging 3 kW while 1 kW is still exported: all of it is surplus.
    [InlineData(3000, -1000, 1.0)]
    // Charging 3 kW with the grid at exactly zero: all of it is surplus.
    [InlineData(3000, 0, 1.0)]
    // Charging 7.4 kW with 2.4 kW imported: without the car 5 kW would have been exported, so 5 of 7.4 kW are from PV.
    [InlineData(7400, 2400, 5000.0 / 7400)]
    // Charging 7.4 kW with 8 kW imported: the house imported 0.6 kW anyway, so nothing is from PV.
    [InlineData(7400, 8000, 0.0)]
    // Discharging 5 kW with 3 kW exported: the house took 2 kW of it (V2H), 3 kW went out.
    [InlineData(-5000, -3000, 0.4)]
    // Discharging 2 kW with 0.5 kW still imported: all of it covers the house.
    [InlineData(-2000, 500, 1.0)]
    // Discharging 4 kW with PV exporting anyway (grid −6 kW): none of it is V2H.
    [InlineData(-4000, -6000, 0.0)]
    // Idle: nothing to split.
    [InlineData(0, 1500, 0.0)]
    public void One_loadpoint_takes_first_what_would_have_been_exported_and_covers_first_what_would_have_been_imported(
        double loadpointW, double gridW, double expectedShare)
    {
        Assert.Equal(expectedShare, EnergySources.LocalShare(Power.FromWatts(loadpointW), Site(gridW, loadpointW))!.Value, 9);
    }

    [Fact]
    public void Without_a_site_reading_the_share_is_unknown()
    {
        Assert.Null(EnergySources.LocalShare(Power.FromWatts(3000), null));
        Assert.Null(EnergySources.LocalShare(Power.FromWatts(3000), Site(double.NaN, 3000)));
        Assert.Null(SitePower.From(Balance(null, 3000)));
        Assert.Null(SitePower.From(null));
    }

    [Fact]
    public void Loadpoints_going_the_same_way_share_the_surplus_in_proportion_to_their_power()
    {
        // Two cars of 3 kW on 4 kW of surplus (the grid shows 2 kW import): each gets 2 kW from PV, together exactly the surplus.
        Assert.Equal(2.0 / 3, EnergySources.LocalShare(Power.FromWatts(3000), Site(2000, 6000))!.Value, 9);
        // 6 kW and 2 kW on 4 kW of surplus: half of each, 3 + 1 kW.
        Assert.Equal(0.5, EnergySources.LocalShare(Power.FromWatts(6000), Site(4000, 8000))!.Value, 9);
        Assert.Equal(0.5, EnergySources.LocalShare(Power.FromWatts(2000), Site(4000, 8000))!.Value, 9);
        // Two cars discharging 3 kW each into a house of 2 kW (grid −4 kW): each covers 1 kW of the house.
        Assert.Equal(1.0 / 3, EnergySources.LocalShare(Power.FromWatts(-3000), Site(-4000, -6000))!.Value, 9);
    }

    [Fact]
    public void A_loadpoint_going_the_other_way_counts_as_part_of_the_house()
    {
        // House 500 W, no PV; car A charges 3 kW, car B discharges 2 kW: the grid imports 1.5 kW.
        // For A, B's 2 kW is like PV: 1.5 of A's 3 kW are local. For B all 2 kW stay on the site (house and car A).
        Assert.Equal(0.5, EnergySources.LocalShare(Power.FromWatts(3000), Site(1500, 1000))!.Value, 9);
        Assert.Equal(1.0, EnergySources.LocalShare(Power.FromWatts(-2000), Site(1500, 1000))!.Value, 9);
    }

    [Fact]
    public void Charging_from_surplus_counts_from_PV_per_interval_in_the_lifetime_and_the_periods()
    {
        var stats = New();
        // 20 minutes of 3 kW while 1 kW is still exported, then one observation to close the last interval.
        Run(stats, T0, 20, 3000, Balance(-1000, 3000));
        Run(stats, T0.AddMinutes(20), 1, 0, Balance(-4000, 0));

        var view = stats.View(T0.AddMinutes(20));
        Assert.Equal(1.0, view.Lifetime.Charged.KilowattHours, 9);
        Assert.Equal(1.0, view.Lifetime.ChargedFromPv.KilowattHours, 9);
        Assert.Equal(0.0, view.Lifetime.ChargedFromGrid.KilowattHours, 9);
        Assert.Equal(0.0, view.Lifetime.ChargedUnattributed.KilowattHours, 9);
        Assert.All(Enum.GetValues<StatisticsPeriod>(), p => Assert.Equal(1.0, view.Periods[p].ChargedFromPv.KilowattHours, 9));
        // The cost is as before: every charged kWh at the net price.
        Assert.Equal(0.25, view.Lifetime.ChargingCostEur, 9);
    }

    [Fact]
    public void Charging_partly_from_the_grid_splits_each_interval_and_keeps_the_charged_total()
    {
        var stats = New();
        var plain = New();
        // 60 minutes of 7.4 kW with 2.4 kW imported: 5 kW from PV, 2.4 kW from the grid.
        Run(stats, T0, 60, 7400, Balance(2400, 7400));
        Run(plain, T0, 60, 7400, null);
        Run(stats, T0.AddHours(1), 1, 0, Balance(-5000, 0));
        Run(plain, T0.AddHours(1), 1, 0, null);

        var lifetime = stats.View(T0.AddHours(1)).Lifetime;
        Assert.Equal(7.4, lifetime.Charged.KilowattHours, 9);
        Assert.Equal(5.0, lifetime.ChargedFromPv.KilowattHours, 9);
        Assert.Equal(2.4, lifetime.ChargedFromGrid.KilowattHours, 9);
        var without = plain.View(T0.AddHours(1)).Lifetime;
        Assert.Equal((without.Charged, without.Discharged, without.ChargingCostEur), (lifetime.Charged, lifetime.Discharged, lifetime.ChargingCostEur));
    }

    [Fact]
    public void Discharging_counts_V2H_first_and_the_rest_as_export()
    {
        var stats = New();
        // 30 minutes of −5 kW with 3 kW exported: 2 kW cover the house, 3 kW go out.
        Run(stats, T0, 30, -5000, Balance(-3000, -5000));
        Run(stats, T0.AddMinutes(30), 1, 0, Balance(2000, 0));

        var lifetime = stats.View(T0.AddMinutes(30)).Lifetime;
        Assert.Equal(2.5, lifetime.Discharged.KilowattHours, 9);
        Assert.Equal(1.0, lifetime.DischargedToHouse.KilowattHours, 9);
        Assert.Equal(1.5, lifetime.DischargedToGrid.KilowattHours, 9);
        Assert.Equal(0.0, lifetime.DischargedUnattributed.KilowattHours, 9);
        Assert.Equal(Energy.Zero, lifetime.ChargedFromPv + lifetime.ChargedFromGrid);
    }

    [Fact]
    public void Without_a_grid_meter_or_with_a_stale_one_the_energy_is_counted_but_unattributed()
    {
        var noMeter = New();
        Run(noMeter, T0, 10, 6000, null);
        Run(noMeter, T0.AddMinutes(10), 10, -3000, null);
        Run(noMeter, T0.AddMinutes(20), 1, 0, null);
        var lifetime = noMeter.View(T0.AddMinutes(20)).Lifetime;
        Assert.Equal(1.0, lifetime.Charged.KilowattHours, 9);
        Assert.Equal(1.0, lifetime.ChargedUnattributed.KilowattHours, 9);
        Assert.Equal(0.0, (lifetime.ChargedFromPv + lifetime.ChargedFromGrid).KilowattHours, 9);
        Assert.Equal(0.5, lifetime.Discharged.KilowattHours, 9);
        Assert.Equal(lifetime.Discharged, lifetime.DischargedUnattributed);

        // A grid meter gone stale: the site balance has no grid figure, as SiteBalance.Of makes it.
        var staleRead = new SiteReadings(T0, MeterReading.Read(T0.AddMinutes(-5), Power.FromWatts(-2000)), null, null, [Power.FromWatts(3000)]);
        var stale = SiteBalance.Of(staleRead, GridConnection.Unlimited);
        Assert.Null(stale.Grid);
        var stats = New();
        Run(stats, T0, 5, 3000, stale);
        Run(stats, T0.AddMinutes(5), 1, 0, stale);
        Assert.Equal(0.25, stats.View(T0.AddMinutes(5)).Lifetime.ChargedUnattributed.KilowattHours, 9);
    }

    [Fact]
    public void An_interval_with_a_minute_without_a_reading_is_unattributed_whole_and_the_next_full_one_is_split()
    {
        var stats = New();
        // Minutes 0–3 with the meter, minute 4 without: the first interval's 0.25 kWh is unattributed.
        Run(stats, T0, 4, 3000, Balance(-1000, 3000));
        Run(stats, T0.AddMinutes(4), 1, 3000, null);
        // Minutes 5–9 with the meter: split.
        Run(stats, T0.AddMinutes(5), 5, 3000, Balance(-1000, 3000));
        Run(stats, T0.AddMinutes(10), 1, 0, Balance(-4000, 0));

        var lifetime = stats.View(T0.AddMinutes(10)).Lifetime;
        Assert.Equal(0.5, lifetime.Charged.KilowattHours, 9);
        Assert.Equal(0.25, lifetime.ChargedUnattributed.KilowattHours, 9);
        Assert.Equal(0.25, lifetime.ChargedFromPv.KilowattHours, 9);
    }

    [Fact]
    public void Two_loadpoints_on_one_site_each_count_their_fair_share_and_together_no_more_than_the_surplus()
    {
        var garage = New();
        var street = New();
        // Surplus without the cars 4 kW; the garage charges 6 kW, the street 2 kW: the grid imports 4 kW.
        var site = Balance(4000, 8000);
        Run(garage, T0, 60, 6000, site);
        Run(street, T0, 60, 2000, site);
        Run(garage, T0.AddHours(1), 1, 0, Balance(-4000, 0));
        Run(street, T0.AddHours(1), 1, 0, Balance(-4000, 0));

        var (g, s) = (garage.View(T0.AddHours(1)).Lifetime, street.View(T0.AddHours(1)).Lifetime);
        Assert.Equal((3.0, 3.0), (g.ChargedFromPv.KilowattHours, g.ChargedFromGrid.KilowattHours), new Within(1e-9));
        Assert.Equal((1.0, 1.0), (s.ChargedFromPv.KilowattHours, s.ChargedFromGrid.KilowattHours), new Within(1e-9));
        Assert.Equal(4.0, (g.ChargedFromPv + s.ChargedFromPv).KilowattHours, 9);
    }

    [Fact]
    public void The_split_survives_a_restart_and_a_session_carries_it()
    {
        var stats = New();
        Run(stats, T0, 10, 7400, Balance(2400, 7400));
        Run(stats, T0.AddMinutes(10), 1, 7400, Balance(2400, 7400));
        var restarted = new ChargingStatistics(stats.State, TimeZoneInfo.Utc);
        Assert.Equal(stats.State.Lifetime, restarted.State.Lifetime);
        Assert.Equal(stats.View(T0.AddMinutes(10)).Periods[StatisticsPeriod.Day], restarted.View(T0.AddMinutes(10)).Periods[StatisticsPeriod.Day]);
        Assert.Equal(5.0 / 6, restarted.State.Lifetime.ChargedFromPv.KilowattHours, 9);
        Assert.Equal(5.0 / 6, restarted.State.Session!.Totals.ChargedFromPv.KilowattHours, 9);
    }

    [Fact]
    public void Totals_with_negative_split_energy_are_refused_as_damaged()
    {
        var damaged = EnergyTotals.Zero with { ChargedFromPv = Energy.FromKilowattHours(-1) };
        Assert.False(new StatisticsState(damaged, 0, [], null).IsValid);
        Assert.True(new StatisticsState(EnergyTotals.Zero with { ChargedFromPv = Energy.FromKilowattHours(1), Charged = Energy.FromKilowattHours(1) }, 0, [], null).IsValid);
    }

    private sealed class Within(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;
        public int GetHashCode((double, double) obj) => 0;
    }
}
