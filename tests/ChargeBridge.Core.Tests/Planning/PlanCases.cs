using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.Planning;

/// <summary>Random but valid planning requests: prices (negative ones too) at 15 or 60 minutes, settings across their ranges, targets and absences.</summary>
internal static class PlanCases
{
    private static readonly DateTimeOffset Origin = new(2024, 3, 30, 22, 0, 0, TimeSpan.Zero);

    /// <summary>FsCheck generator of requests; every field is drawn by FsCheck so failures shrink to a readable case.</summary>
    public static Gen<PlanRequest> Requests => RequestsStartingAt(-50, 400);

    /// <summary>Requests whose prices start around zero, so that most have negative slots where charging pays more
    /// than discharging costs (the non-convex case).</summary>
    public static Gen<PlanRequest> NegativeRequests => RequestsStartingAt(-200, 60);

    /// <summary>Requests whose price walk starts between <paramref name="low"/> and <paramref name="high"/> EUR/MWh.</summary>
    private static Gen<PlanRequest> RequestsStartingAt(int low, int high) =>
        from startQuarter in Gen.Choose(0, 96)
        from hourly in Gen.Elements(true, false)
        from horizonHours in Gen.Choose(1, 27)
        from basePrice in Gen.Choose(low, high)
        from steps in Gen.ArrayOf(Gen.Choose(-80, 80), 120)
        from sellKind in Gen.Choose(0, 2)
        from soc in Gen.Choose(0, 100)
        from capacity in Gen.Choose(10, 200)
        from charge in Gen.Choose(1380, 22000)
        from discharge in Gen.Choose(0, 22000)
        from rte in Gen.Choose(50, 100)
        from minSoc in Gen.Choose(10, 55)
        from maxSoc in Gen.Choose(60, 95)
        from allowedHours in Gen.Choose(1, 12)
        from targets in Gen.ArrayOf(Gen.Zip(Gen.Choose(1, 27 * 12), Gen.Choose(10, 100)), 3)
        from targetCount in Gen.Choose(0, 3)
        from absence in Gen.Zip(Gen.Choose(0, 27 * 12), Gen.Choose(1, 48))
        from withAbsence in Gen.Elements(true, false)
        from degradation in Gen.Choose(0, 5)
        from emissions in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Build(startQuarter, hourly, horizonHours, basePrice, steps, sellKind, soc, capacity, charge,
            discharge < 1380 ? 0 : discharge, rte, minSoc, maxSoc, allowedHours, targets.Take(targetCount).ToArray(),
            withAbsence ? absence : null, degradation, emissions);

    /// <summary>The <paramref name="count"/> requests FsCheck draws from a fixed seed: the same cases every run.</summary>
    public static IReadOnlyList<PlanRequest> Sample(int count, int seed) => Sample(Requests, count, seed);

    public static IReadOnlyList<PlanRequest> Sample(Gen<PlanRequest> requests, int count, int seed) =>
        requests.Sample(count, new Rnd((ulong)seed), 30).ToList();

    private static PlanRequest Build(int startQuarter, bool hourly, int horizonHours, int basePrice, int[] steps, int sellKind,
        int soc, int capacity, int charge, int discharge, int rte, int minSoc, int maxSoc, int allowedHours,
        (int Slot, int Soc)[] targets, (int Slot, int Length)? absence, int degradation, bool emissions)
    {
        var start = Origin + TimeSpan.FromMinutes(15 * startQuarter);
        var resolution = TimeSpan.FromMinutes(hourly ? 60 : 15);
        var first = hourly ? start.AddMinutes(-start.Minute) : start;
        var price = basePrice / 1000.0;
        var points = new List<TimePoint<EnergyPrice>>();
        var intensities = new List<TimePoint<CarbonIntensity>>();
        for (var i = 0; i < steps.Length; i++)
        {
            price += steps[i] / 1000.0;
            var at = first + resolution * i;
            points.Add(new TimePoint<EnergyPrice>(at, new EnergyPrice(price)));
            intensities.Add(new TimePoint<CarbonIntensity>(at, new CarbonIntensity(Math.Max(20, 300 + 1000 * price))));
        }
        var buy = new TimeSeries<EnergyPrice>(points, resolution);
        TimeSeries<EnergyPrice>? sell = sellKind switch
        {
            0 => null,
            1 => new TimeSeries<EnergyPrice>(points.Select(p => p with { Value = new EnergyPrice(p.Value.EurPerKwh - 0.03) }), resolution),
            _ => new TimeSeries<EnergyPrice>(points.Select(p => p with { Value = new EnergyPrice(p.Value.EurPerKwh * 0.8) }), resolution),
        };
        var slot = TimeSpan.FromMinutes(5);
        return new PlanRequest
        {
            Start = start,
            Horizon = TimeSpan.FromHours(horizonHours),
            Soc = new Percent(soc),
            Settings = new ChargeSettings
            {
                Capacity = Energy.FromKilowattHours(capacity),
                MaxChargePower = Power.FromWatts(charge),
                MaxDischargePower = Power.FromWatts(discharge),
                RoundTripEfficiency = new Percent(rte),
                MinSoc = new Percent(minSoc),
                MaxSoc = new Percent(maxSoc),
                AllowedTimeAboveMax = TimeSpan.FromHours(allowedHours),
            },
            Targets = targets.Select(t => new SocTarget(start + slot * t.Slot, new Percent(t.Soc))).ToList(),
            Absences = absence is { } a ? [new Absence(start + slot * a.Slot, start + slot * (a.Slot + a.Length))] : [],
            BuyPrices = buy,
            SellPrices = sell,
            DegradationCost = new EnergyPrice(degradation / 100.0),
            Objective = emissions ? PlanObjective.Emissions : PlanObjective.Cost,
            CarbonIntensities = new TimeSeries<CarbonIntensity>(intensities, resolution),
        };
    }
}
