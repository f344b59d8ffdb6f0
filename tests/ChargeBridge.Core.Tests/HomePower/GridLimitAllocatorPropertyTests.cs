using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>FsCheck properties of the grid limit over random houses, limits, margins and loadpoints.</summary>
public class GridLimitAllocatorPropertyTests
{
    // Rounding to whole amperes works in doubles: sums may be off by far less than this.
    private const double Tolerance = 1e-6;

    private sealed record Case(Power? House, GridConnection Grid, GridLimitSettings Settings, GridLimitRequest[] Requests)
    {
        public double? Ceiling => Grid.ImportLimit is { } l ? l.Watts - Settings.Margin.Watts : null;
        public double? Floor => Grid.ExportLimit is { } l ? Settings.Margin.Watts - l.Watts : null;
        public GridLimitAllocation Allocation => GridLimitAllocator.Allocate(House, Grid, Settings, Requests);
    }

    private static readonly Gen<ChargerCapabilities> Chargers =
        from bidirectional in Gen.Elements(true, false)
        from phases in Gen.Elements(1, 3)
        from minAmperes in Gen.Choose(6, 8)
        from maxAmperes in Gen.Choose(8, 32)
        from inWatts in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        select inWatts
            ? new ChargerCapabilities(bidirectional, SetPointUnit.Watts, Power.FromWatts(maxAmperes * 230), bidirectional ? Power.FromWatts(maxAmperes * 230) : Power.Zero)
            {
                MinPower = Power.FromWatts(minAmperes * 230),
            }
            : ChargerCapabilities.ForCurrent(bidirectional, phases, minAmperes, maxAmperes);

    private static readonly Gen<GridLimitRequest> Requests =
        from name in Gen.Elements("garage", "driveway", "carport", "street")
        from priority in Gen.Choose(0, 3)
        from charger in Chargers
        from wanted in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(-25000, 25000)))
        from mayDischarge in Gen.Elements(true, false)
        select new GridLimitRequest(LoadpointName.Parse(name, out _)!.Value, priority, charger, Power.FromWatts(wanted), mayDischarge);

    private static readonly Gen<Case> Cases =
        from houseKnown in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from anyHouse in Gen.Choose(-10000, 40000)
        // A house just over the limit makes the charger minimum overshoot when shaving: the export limit's hardest case.
        from nearLimit in Gen.Elements(true, false)
        from overLimit in Gen.Choose(-1000, 3000)
        from import in Gen.Frequency((1, Gen.Constant<int?>(null)), (5, Gen.Choose(3000, 40000).Select(w => (int?)w)))
        from export in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 2000).Select(w => (int?)w)), (1, Gen.Choose(0, 20000).Select(w => (int?)w)))
        from margin in Gen.Choose(0, 1000)
        from count in Gen.Choose(1, 4)
        from requests in Requests.ArrayOf(count)
        let house = nearLimit && import is { } limit ? limit + overLimit : anyHouse
        select new Case(
            houseKnown ? Power.FromWatts(house) : null,
            new GridConnection(import is { } i ? Power.FromWatts(i) : null, export is { } e ? Power.FromWatts(e) : null),
            new GridLimitSettings(Power.FromWatts(margin)),
            requests);

    private static void Check(Func<Case, GridLimitAllocation, bool> property) =>
        Prop.ForAll(Cases.ToArbitrary(), c => property(c, c.Allocation))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithReplay(new Replay(new Rnd(20261206), null)));

    private static double Sum(GridLimitAllocation allocation)
    {
        var sum = 0.0;
        foreach (var grant in allocation.Grants) sum += grant.Granted.Watts;
        return sum;
    }

    [Fact]
    public void The_house_and_the_loadpoints_stay_under_the_import_limit_unless_the_house_alone_is_over_it()
    {
        // The exception: the house alone is over the limit, no loadpoint charges, and what remains is reported.
        Check((c, a) =>
            c.House is not { } house || c.Ceiling is not { } ceiling
            || house.Watts + Sum(a) <= ceiling + Tolerance && a.ImportOverrun == Power.Zero
            || house.Watts > ceiling && a.Grants.All(g => g.Granted.Watts <= 0)
               && Math.Abs(a.ImportOverrun.Watts - (house.Watts + Sum(a) - ceiling)) < Tolerance);
    }

    [Fact]
    public void Enough_discharge_allowed_shaves_any_peak_when_no_export_limit_is_set()
    {
        Check((c, a) =>
        {
            if (c.House is not { } house || c.Ceiling is not { } ceiling || c.Grid.ExportLimit is not null) return true;
            var shavable = c.Requests.Where(r => r.MayDischarge && r.Capabilities.Bidirectional).Sum(r => r.Capabilities.MaxDischargePower.Watts);
            return shavable < house.Watts - ceiling || a.ImportOverrun == Power.Zero;
        });
    }

    [Fact]
    public void Discharge_stays_within_the_export_limit_unless_nothing_discharges()
    {
        Check((c, a) =>
            c.House is not { } house || c.Floor is not { } floor
            || house.Watts + Sum(a) >= floor - Tolerance && a.ExportOverrun == Power.Zero
            || a.Grants.All(g => g.Granted.Watts >= 0));
    }

    [Fact]
    public void Every_grant_is_zero_or_within_the_charger_minimum_and_maximum()
    {
        Check((c, a) => c.Requests.Zip(a.Grants).All(p =>
            p.Second.Granted == Power.Zero
            || p.Second.Granted.Abs() >= p.First.Capabilities.MinPower
               && p.Second.Granted <= p.First.Capabilities.MaxChargePower
               && -p.Second.Granted <= p.First.Capabilities.MaxDischargePower
               && (p.Second.Granted.IsCharging || p.First.Capabilities.Bidirectional)));
    }

    [Fact]
    public void A_grant_is_never_larger_than_wanted_except_a_peak_shaving_discharge()
    {
        Check((c, a) => c.Requests.Zip(a.Grants).All(p =>
            p.Second.Reason == GridLimitReason.PeakShaving
                ? p.Second.Granted.IsDischarging && p.First.MayDischarge && p.Second.Granted < p.First.Wanted
                : p.Second.Granted == Power.Zero
                  || Math.Sign(p.Second.Granted.Watts) == Math.Sign(p.First.Wanted.Watts) && p.Second.Granted.Abs() <= p.First.Wanted.Abs()));
    }

    [Fact]
    public void Charging_is_never_reduced_for_the_export_limit()
    {
        Check((c, a) =>
        {
            var withoutExportLimit = (c with { Grid = c.Grid with { ExportLimit = null } }).Allocation;
            return a.Grants.Zip(withoutExportLimit.Grants).All(p => !p.Second.Granted.IsCharging || p.First.Granted == p.Second.Granted);
        });
    }

    [Fact]
    public void With_the_house_unknown_charging_stays_within_the_fallback_and_the_limit_and_nothing_shaves()
    {
        Check((c, a) =>
        {
            if (c.House is not null) return true;
            var charging = 0.0;
            foreach (var (request, grant) in c.Requests.Zip(a.Grants))
            {
                if (grant.Reason == GridLimitReason.PeakShaving) return false;
                if (grant.Granted.IsDischarging && c.Grid.ExportLimit is not null) return false;
                if (grant.Granted > ChargerCapabilities.PowerAt(c.Settings.UnknownHouseAmperes, request.Capabilities.Phases)) return false;
                if (grant.Granted.IsCharging) charging += grant.Granted.Watts;
            }
            return a.Total is null && (c.Ceiling is not { } ceiling || charging <= Math.Max(ceiling, 0) + Tolerance);
        });
    }
}
