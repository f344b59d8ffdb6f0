using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public sealed class GridLimitAllocatorTests
{
    private static readonly GridConnection Fuse = new(Power.FromWatts(17250), null);
    private static readonly GridLimitSettings NoMargin = new(Power.Zero);
    private static readonly ChargerCapabilities ThreePhase16A = ChargerCapabilities.ForCurrent(bidirectional: false, phases: 3, minAmperes: 6, maxAmperes: 16);
    private static readonly ChargerCapabilities OnePhase32A = ChargerCapabilities.ForCurrent(bidirectional: false, phases: 1, minAmperes: 6, maxAmperes: 32);
    private static readonly ChargerCapabilities Bidirectional3Phase16A = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 3, minAmperes: 6, maxAmperes: 16);

    private static GridLimitRequest Request(string name, int priority, ChargerCapabilities capabilities, double wantedWatts, bool mayDischarge = false) =>
        new(LoadpointName.Parse(name, out _)!.Value, priority, capabilities, Power.FromWatts(wantedWatts), mayDischarge);

    private static GridLimitAllocation Allocate(double? houseWatts, GridConnection grid, params GridLimitRequest[] requests) =>
        GridLimitAllocator.Allocate(houseWatts is { } w ? Power.FromWatts(w) : null, grid, NoMargin, requests);

    private static void AssertGrant(GridLimitGrant grant, double watts, GridLimitReason reason)
    {
        Assert.Equal(watts, grant.Granted.Watts, 6);
        Assert.Equal(reason, grant.Reason);
    }

    [Fact]
    public void The_first_by_priority_gets_its_ask_and_the_second_what_is_left_in_whole_amperes()
    {
        // 17.25 kW − 3 kW house − 11.04 kW = 3.21 kW: 13 A on one phase (2.99 kW).
        var allocation = Allocate(3000, Fuse, Request("garage", 2, OnePhase32A, 7360), Request("driveway", 1, ThreePhase16A, 11040));
        AssertGrant(allocation.Grants[0], 2990, GridLimitReason.ImportLimit);
        AssertGrant(allocation.Grants[1], 11040, GridLimitReason.AsWanted);
        Assert.True(allocation.Grants[0].Limited);
        Assert.False(allocation.Grants[1].Limited);
        Assert.Equal(3000 + 2990 + 11040, allocation.Total!.Value.Watts, 6);
        Assert.Equal(Power.Zero, allocation.ImportOverrun);
    }

    [Fact]
    public void What_is_left_below_the_charger_minimum_is_zero()
    {
        // 3.21 kW left is below 6 A on three phases (4.14 kW).
        var allocation = Allocate(3000, Fuse, Request("driveway", 1, ThreePhase16A, 11040), Request("garage", 2, ThreePhase16A, 11040));
        AssertGrant(allocation.Grants[0], 11040, GridLimitReason.AsWanted);
        AssertGrant(allocation.Grants[1], 0, GridLimitReason.ImportLimit);
    }

    [Fact]
    public void The_margin_is_kept_free_below_the_import_limit()
    {
        // 17.25 − 0.3 − 3 − 11.04 = 2.91 kW: 12 A on one phase.
        var allocation = GridLimitAllocator.Allocate(Power.FromWatts(3000), Fuse, new GridLimitSettings(Power.FromWatts(300)),
            [Request("driveway", 1, ThreePhase16A, 11040), Request("garage", 2, OnePhase32A, 7360)]);
        AssertGrant(allocation.Grants[1], 2760, GridLimitReason.ImportLimit);
    }

    [Fact]
    public void Equal_priorities_share_equally()
    {
        // 14.25 kW for two: 7.125 kW each, 10 A on three phases (6.9 kW).
        var allocation = Allocate(3000, Fuse, Request("driveway", 1, ThreePhase16A, 11040), Request("garage", 1, ThreePhase16A, 11040));
        AssertGrant(allocation.Grants[0], 6900, GridLimitReason.ImportLimit);
        AssertGrant(allocation.Grants[1], 6900, GridLimitReason.ImportLimit);
    }

    [Fact]
    public void Of_equal_priorities_a_smaller_ask_leaves_its_unused_share_to_the_other()
    {
        // 4.14 kW for the first, 10.11 kW left: 14 A on three phases (9.66 kW).
        var allocation = Allocate(3000, Fuse, Request("driveway", 1, ThreePhase16A, 11040), Request("garage", 1, ThreePhase16A, 4140));
        AssertGrant(allocation.Grants[0], 9660, GridLimitReason.ImportLimit);
        AssertGrant(allocation.Grants[1], 4140, GridLimitReason.AsWanted);
    }

    [Fact]
    public void Without_an_import_limit_every_loadpoint_gets_its_ask()
    {
        var allocation = Allocate(30000, GridConnection.Unlimited, Request("driveway", 1, ThreePhase16A, 11040), Request("garage", 2, OnePhase32A, 7360));
        Assert.All(allocation.Grants, g => Assert.Equal(GridLimitReason.AsWanted, g.Reason));
        Assert.Equal(30000 + 11040 + 7360, allocation.Total!.Value.Watts, 6);
    }

    [Fact]
    public void An_ask_is_cut_to_what_the_charger_can_do()
    {
        var allocation = Allocate(0, GridConnection.Unlimited,
            Request("above_max", 1, OnePhase32A, 9000),
            Request("between_steps", 1, OnePhase32A, 7.5 * 230),
            Request("below_min", 1, OnePhase32A, 1000),
            Request("no_discharge", 1, OnePhase32A, -3000));
        AssertGrant(allocation.Grants[0], 7360, GridLimitReason.ChargerLimits);
        AssertGrant(allocation.Grants[1], 7 * 230, GridLimitReason.ChargerLimits);
        AssertGrant(allocation.Grants[2], 0, GridLimitReason.ChargerLimits);
        AssertGrant(allocation.Grants[3], 0, GridLimitReason.ChargerLimits);
    }

    [Fact]
    public void A_charger_set_in_watts_is_rounded_down_to_whole_watts()
    {
        var watts = new ChargerCapabilities(false, SetPointUnit.Watts, Power.FromWatts(7400), Power.Zero);
        var allocation = Allocate(10000.5, Fuse, Request("garage", 1, watts, 7400));
        AssertGrant(allocation.Grants[0], 7249, GridLimitReason.ImportLimit);
    }

    [Fact]
    public void When_the_house_alone_is_over_the_limit_a_bidirectional_loadpoint_allowed_to_discharge_shaves_the_peak()
    {
        // 6.75 kW over: 9.78 A on three phases, rounded up to 10 A (6.9 kW) so the site gets under the limit.
        var allocation = Allocate(24000, Fuse,
            Request("driveway", 1, Bidirectional3Phase16A, 0, mayDischarge: true),
            Request("garage", 2, ThreePhase16A, 11040));
        AssertGrant(allocation.Grants[0], -6900, GridLimitReason.PeakShaving);
        AssertGrant(allocation.Grants[1], 0, GridLimitReason.ImportLimit);
        Assert.Equal(24000 - 6900, allocation.Total!.Value.Watts, 6);
        Assert.True(allocation.Total <= Fuse.ImportLimit);
        Assert.Equal(Power.Zero, allocation.ImportOverrun);
    }

    [Fact]
    public void Peak_shaving_goes_by_priority_and_within_each_charger_maximum()
    {
        // 14.75 kW over: the first discharges its full 11.04 kW, the second the 3.71 kW left, at least its 6 A minimum.
        var allocation = Allocate(32000, Fuse,
            Request("garage", 2, Bidirectional3Phase16A, 0, mayDischarge: true),
            Request("driveway", 1, Bidirectional3Phase16A, -2000, mayDischarge: true));
        AssertGrant(allocation.Grants[1], -11040, GridLimitReason.PeakShaving);
        AssertGrant(allocation.Grants[0], -4140, GridLimitReason.PeakShaving);
        Assert.Equal(Power.Zero, allocation.ImportOverrun);
    }

    [Fact]
    public void A_loadpoint_not_allowed_to_discharge_does_not_shave_and_the_overrun_is_reported()
    {
        var allocation = Allocate(20000, Fuse, Request("driveway", 1, Bidirectional3Phase16A, 0, mayDischarge: false));
        AssertGrant(allocation.Grants[0], 0, GridLimitReason.AsWanted);
        Assert.Equal(2750, allocation.ImportOverrun.Watts, 6);
    }

    [Fact]
    public void The_export_limit_caps_discharge_the_lowest_priority_first()
    {
        // 500 W house, two cars discharging 11.04 kW each, 5 kW export limit: 16.58 kW too much.
        var grid = new GridConnection(Power.FromWatts(17250), Power.FromWatts(5000));
        var allocation = Allocate(500, grid,
            Request("driveway", 1, Bidirectional3Phase16A, -11040),
            Request("garage", 2, Bidirectional3Phase16A, -11040));
        // The lower priority stops; the first is cut from 11.04 kW by the remaining 5.54 kW to 5.5 kW, 7 A (4.83 kW).
        AssertGrant(allocation.Grants[1], 0, GridLimitReason.ExportLimit);
        AssertGrant(allocation.Grants[0], -4830, GridLimitReason.ExportLimit);
        Assert.Equal(500 - 4830, allocation.Total!.Value.Watts, 6);
        Assert.Equal(Power.Zero, allocation.ExportOverrun);
    }

    [Fact]
    public void Peak_shaving_stays_within_the_export_limit()
    {
        // 200 W over a 1 kW import limit with no export allowed: 6 A (1.38 kW) would export 180 W, so it does not shave.
        var grid = new GridConnection(Power.FromWatts(1000), Power.Zero);
        var bidirectional1Phase = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 1, minAmperes: 6, maxAmperes: 32);
        var allocation = Allocate(1200, grid, Request("driveway", 1, bidirectional1Phase, 0, mayDischarge: true));
        AssertGrant(allocation.Grants[0], 0, GridLimitReason.AsWanted);
        Assert.Equal(200, allocation.ImportOverrun.Watts, 6);
        Assert.Equal(Power.Zero, allocation.ExportOverrun);
    }

    [Fact]
    public void Charging_is_never_reduced_for_the_export_limit()
    {
        // PV behind the grid meter without a PV meter makes the house negative: the site exports 6 kW even with the car.
        var grid = new GridConnection(Power.FromWatts(17250), Power.FromWatts(5000));
        var allocation = Allocate(-8000, grid, Request("driveway", 1, OnePhase32A, 2070));
        AssertGrant(allocation.Grants[0], 2070, GridLimitReason.AsWanted);
        Assert.Equal(8000 - 2070 - 5000, allocation.ExportOverrun.Watts, 6);
    }

    [Fact]
    public void With_the_house_unknown_each_loadpoint_charges_at_most_6_A_and_all_within_the_import_limit()
    {
        var grid = new GridConnection(Power.FromWatts(6000), null);
        var allocation = Allocate(null, grid,
            Request("driveway", 1, ThreePhase16A, 11040),
            Request("garage", 2, OnePhase32A, 7360),
            Request("carport", 3, OnePhase32A, 1000));
        AssertGrant(allocation.Grants[0], 4140, GridLimitReason.HouseUnknown);
        AssertGrant(allocation.Grants[1], 1380, GridLimitReason.HouseUnknown);
        // 6 kW − 5.52 kW leaves 0.48 kW, below any charger's minimum.
        AssertGrant(allocation.Grants[2], 0, GridLimitReason.ChargerLimits);
        Assert.Null(allocation.House);
        Assert.Null(allocation.Total);
    }

    [Fact]
    public void With_the_house_unknown_the_fallback_current_is_a_setting()
    {
        var allocation = GridLimitAllocator.Allocate((Power?)null, Fuse, NoMargin with { UnknownHouseAmperes = 10 },
            [Request("driveway", 1, ThreePhase16A, 11040)]);
        AssertGrant(allocation.Grants[0], 6900, GridLimitReason.HouseUnknown);

        // 0 A: a small connection stops charging while the meter is stale.
        var stopped = GridLimitAllocator.Allocate((Power?)null, Fuse, NoMargin with { UnknownHouseAmperes = 0 },
            [Request("driveway", 1, ThreePhase16A, 11040)]);
        AssertGrant(stopped.Grants[0], 0, GridLimitReason.HouseUnknown);
    }

    [Fact]
    public void With_the_house_unknown_there_is_no_peak_shaving_and_discharge_only_as_planned_without_an_export_limit()
    {
        var noExportLimit = Allocate(null, Fuse,
            Request("driveway", 1, Bidirectional3Phase16A, -5000, mayDischarge: true),
            Request("garage", 2, Bidirectional3Phase16A, 0, mayDischarge: true));
        AssertGrant(noExportLimit.Grants[0], -4830, GridLimitReason.ChargerLimits);
        AssertGrant(noExportLimit.Grants[1], 0, GridLimitReason.AsWanted);

        var exportLimited = Allocate(null, new GridConnection(Power.FromWatts(17250), Power.FromWatts(5000)),
            Request("driveway", 1, Bidirectional3Phase16A, -5000, mayDischarge: true));
        AssertGrant(exportLimited.Grants[0], 0, GridLimitReason.HouseUnknown);
    }

    [Fact]
    public void A_stale_grid_meter_in_the_site_balance_means_the_unknown_house_fallback()
    {
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        var stale = MeterReading.Read(now.AddMinutes(-5), Power.FromWatts(3000));
        var balance = SiteBalance.Of(new SiteReadings(now, stale, null, null, [Power.Zero]), Fuse);
        var allocation = GridLimitAllocator.Allocate(balance, Fuse, NoMargin, [Request("driveway", 1, ThreePhase16A, 11040)]);
        AssertGrant(allocation.Grants[0], 4140, GridLimitReason.HouseUnknown);
    }

    [Fact]
    public void A_fresh_site_balance_gives_the_house_it_computed()
    {
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        // 14.04 kW from the grid with the car charging 11.04 kW: the house draws 3 kW.
        var balance = SiteBalance.Of(new SiteReadings(now, MeterReading.Read(now, Power.FromWatts(14040)), null, null, [Power.FromWatts(11040)]), Fuse);
        var allocation = GridLimitAllocator.Allocate(balance, Fuse, NoMargin,
            [Request("driveway", 1, ThreePhase16A, 11040), Request("garage", 2, OnePhase32A, 7360)]);
        Assert.Equal(3000, allocation.House!.Value.Watts, 6);
        AssertGrant(allocation.Grants[1], 2990, GridLimitReason.ImportLimit);
    }
}
