using ChargeBridge.SitePlanning;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.SitePlanning.Tests;

/// <summary>Random but valid small site requests: two loadpoints with targets and absences, a house battery, house
/// load and PV, grid limits, hourly prices (negative ones too) over 2 to 8 hours in slots of 15 minutes (or, for a
/// MILP that GLPK must prove, an hour); targets, absences, house load and PV on a 15-minute grid.</summary>
internal static class SiteCases
{
    private static readonly DateTimeOffset Origin = new(2024, 6, 1, 6, 0, 0, TimeSpan.Zero);

    public static Gen<SitePlanRequest> Requests(int lowPrice, int highPrice, TimeSpan slotLength) =>
        from hours in Gen.Choose(2, 8)
        from basePrice in Gen.Choose(lowPrice, highPrice)
        from steps in Gen.ArrayOf(Gen.Choose(-80, 80), 9)
        from sellKind in Gen.Choose(0, 2)
        from cars in Gen.ArrayOf(Car(), 2)
        from battery in Battery()
        from house in Gen.ArrayOf(Gen.Choose(200, 4000), 32)
        from kwp in Gen.Choose(0, 10)
        from importLimit in Gen.Choose(6, 25)
        from exportLimit in Gen.Choose(2, 12)
        from limited in Gen.Elements(true, false)
        select Build(slotLength, hours, basePrice, steps, sellKind, cars, battery, house, kwp, limited ? (importLimit, exportLimit) : null);

    /// <summary>The <paramref name="count"/> requests FsCheck draws from a fixed seed: the same cases every run.</summary>
    public static IReadOnlyList<SitePlanRequest> Sample(int count, int seed, int lowPrice = -50, int highPrice = 300, int slotMinutes = 15) =>
        Requests(lowPrice, highPrice, TimeSpan.FromMinutes(slotMinutes)).Sample(count, new Rnd((ulong)seed), 30).ToList();

    private record CarDraw(int Soc, int Capacity, int Charge, int Discharge, int Rte, int MinSoc, int TargetSlot, int TargetSoc, int AwaySlot, bool Away);

    private static Gen<CarDraw> Car() =>
        from soc in Gen.Choose(5, 90)
        from capacity in Gen.Choose(20, 90)
        from charge in Gen.Choose(1380, 11000)
        from discharge in Gen.Choose(0, 11000)
        from rte in Gen.Choose(70, 95)
        from minSoc in Gen.Choose(10, 30)
        from targetSlot in Gen.Choose(1, 32)
        from targetSoc in Gen.Choose(40, 100)
        from awaySlot in Gen.Choose(1, 32)
        from away in Gen.Elements(true, false)
        select new CarDraw(soc, capacity, charge, discharge < 1380 ? 0 : discharge, rte, minSoc, targetSlot, targetSoc, awaySlot, away);

    private static Gen<HouseBattery?> Battery() =>
        from present in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from capacity in Gen.Choose(5, 15)
        from soc in Gen.Choose(0, 100)
        from power in Gen.Choose(1000, 6000)
        from rte in Gen.Choose(80, 95)
        from wear in Gen.Choose(0, 5)
        select present
            ? new HouseBattery
            {
                Capacity = Energy.FromKilowattHours(capacity),
                Soc = new Percent(soc),
                MaxChargePower = Power.FromWatts(power),
                MaxDischargePower = Power.FromWatts(power),
                RoundTripEfficiency = new Percent(rte),
                WearCost = new EnergyPrice(wear / 100.0),
            }
            : null;

    private static SitePlanRequest Build(TimeSpan slotLength, int hours, int basePrice, int[] steps, int sellKind, CarDraw[] cars, HouseBattery? battery,
        int[] house, int kwp, (int Import, int Export)? limits)
    {
        var start = Origin;
        var slot = TimeSpan.FromMinutes(15);
        var price = basePrice / 1000.0;
        var buy = new TimeSeries<EnergyPrice>(steps.Select((step, h) => new TimePoint<EnergyPrice>(start.AddHours(h), new EnergyPrice(price += step / 1000.0))),
            TimeSpan.FromHours(1));
        TimeSeries<EnergyPrice>? sell = sellKind switch
        {
            0 => null,
            1 => buy.Map(p => new EnergyPrice(p.EurPerKwh - 0.03)),
            _ => buy.Map(p => new EnergyPrice(p.EurPerKwh * 0.8)),
        };
        // PV: a clear day's bell from 06:00 to 20:00 UTC (summer in the Netherlands), peak kWp × 0.8 at 13:00.
        var pv = new TimeSeries<Power>(Enumerable.Range(0, 32).Select(i =>
        {
            var hour = 6 + i * 0.25;
            var sun = Math.Max(0, Math.Sin(Math.PI * (hour - 6) / 14));
            return new TimePoint<Power>(start + slot * i, Power.FromKilowatts(kwp * 0.8 * sun));
        }), slot);
        return new SitePlanRequest
        {
            Start = start,
            SlotLength = slotLength,
            Horizon = TimeSpan.FromHours(hours),
            BuyPrices = buy,
            SellPrices = sell,
            Battery = battery,
            Forecast = new SiteForecast
            {
                HouseLoad = new TimeSeries<Power>(house.Select((w, i) => new TimePoint<Power>(start + slot * i, Power.FromWatts(w))), slot),
                PvPower = pv,
                Grid = limits is { } l ? new GridConnection(Power.FromKilowatts(l.Import), Power.FromKilowatts(l.Export)) : GridConnection.Unlimited,
            },
            Loadpoints = cars.Select(c => new PlanRequest
            {
                Start = start,
                SlotLength = slotLength,
                Soc = new Percent(c.Soc),
                BuyPrices = buy,
                Settings = new ChargeSettings
                {
                    Capacity = Energy.FromKilowattHours(c.Capacity),
                    MaxChargePower = Power.FromWatts(c.Charge),
                    MaxDischargePower = Power.FromWatts(c.Discharge),
                    RoundTripEfficiency = new Percent(c.Rte),
                    MinSoc = new Percent(c.MinSoc),
                },
                Targets = [new SocTarget(start + slot * c.TargetSlot, new Percent(c.TargetSoc))],
                Absences = c.Away ? [new Absence(start + slot * c.AwaySlot, start + slot * (c.AwaySlot + 8))] : [],
            }).ToList(),
        };
    }
}
