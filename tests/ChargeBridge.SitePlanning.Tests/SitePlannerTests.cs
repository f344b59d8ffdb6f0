using ChargeBridge.SitePlanning;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.SitePlanning.Tests;

public class SitePlannerTests
{
    private static readonly DateTimeOffset Start = new(2024, 6, 3, 16, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(15);
    private const double Kwh = 1e-6;

    private static TimeSeries<EnergyPrice> Prices(Func<int, double> eurPerKwhAtHour) =>
        new(Enumerable.Range(0, 30).Select(h => new TimePoint<EnergyPrice>(Start.AddHours(h), new EnergyPrice(eurPerKwhAtHour(h)))), TimeSpan.FromHours(1));

    private static TimeSeries<Power> Constant(double watts) =>
        new(Enumerable.Range(0, 30).Select(h => new TimePoint<Power>(Start.AddHours(h), Power.FromWatts(watts))), TimeSpan.FromHours(1));

    private static PlanRequest Car(double soc, params SocTarget[] targets) => new()
    {
        Start = Start,
        SlotLength = Slot,
        Soc = new Percent(soc),
        BuyPrices = Prices(_ => 0),
        Settings = new ChargeSettings
        {
            Capacity = Energy.FromKilowattHours(60),
            MaxChargePower = Power.FromWatts(11000),
            MaxDischargePower = Power.FromWatts(11000),
            MinSoc = new Percent(20),
            MaxSoc = new Percent(80),
        },
        Targets = targets,
    };

    private static SitePlanRequest Site(TimeSeries<EnergyPrice> prices, IReadOnlyList<PlanRequest> cars, HouseBattery? battery = null,
        SiteForecast? forecast = null, double hours = 12) => new()
    {
        Start = Start,
        SlotLength = Slot,
        Horizon = TimeSpan.FromHours(hours),
        BuyPrices = prices,
        Loadpoints = cars,
        Battery = battery,
        Forecast = forecast ?? new SiteForecast(),
    };

    private static HouseBattery Battery(double soc) => new()
    {
        Capacity = Energy.FromKilowattHours(10),
        Soc = new Percent(soc),
        MinSoc = new Percent(20),
        MaxSoc = new Percent(95),
        MaxChargePower = Power.FromWatts(5000),
        MaxDischargePower = Power.FromWatts(5000),
        RoundTripEfficiency = new Percent(90),
    };

    [Fact]
    public void The_grid_import_limit_holds_and_the_earlier_target_is_met_when_both_do_not_fit()
    {
        // 12 kW connection, 1 kW house: 11 kW for two cars that each need 36 kWh (≈ 39 kWh drawn) by 4 h and 6 h: 66 kWh fit.
        var early = new SocTarget(Start.AddHours(4), new Percent(80));
        var late = new SocTarget(Start.AddHours(6), new Percent(80));
        // Flat prices: a car that has met its target gains nothing by feeding the other. Both orders of the loadpoints.
        foreach (var earlyFirst in new[] { true, false })
        {
            var request = Site(Prices(_ => 0.25), earlyFirst ? [Car(20, early), Car(20, late)] : [Car(20, late), Car(20, early)], forecast: new SiteForecast
            {
                HouseLoad = Constant(1000),
                Grid = new GridConnection(Power.FromKilowatts(12), null),
            });

            var plan = new SitePlanner().Plan(request);

            Assert.All(plan.Grid, g => Assert.True(g.ImportKwh <= 12 * Slot.TotalHours + Kwh, $"{g.ImportKwh} kWh drawn at {g.Start:t}"));
            Assert.Equal(0, plan.GridLimitExcessKwh, 9);
            var (earlyPlan, latePlan) = earlyFirst ? (plan.Loadpoints[0], plan.Loadpoints[1]) : (plan.Loadpoints[1], plan.Loadpoints[0]);
            Assert.True(earlyPlan.TargetsMet, $"early target short by {earlyPlan.MaxShortfall}");
            Assert.False(latePlan.TargetsMet);
            // Not both fit, so every slot before the late target draws the full 12 kW.
            Assert.All(plan.Grid.Where(g => g.Start < late.At), g => Assert.Equal(12 * Slot.TotalHours, g.ImportKwh, 6));
        }
    }

    [Fact]
    public void The_battery_and_a_car_never_charge_one_from_the_other_at_a_loss()
    {
        // Flat prices: moving energy between them only loses it. A full battery next to a car that must charge, and a
        // car above its target next to an empty battery.
        var flat = Prices(_ => 0.25);
        foreach (var (car, battery) in new[] { (Car(30, new SocTarget(Start.AddHours(6), new Percent(80))), Battery(95)), (Car(80), Battery(20)) })
        {
            var plan = new SitePlanner().Plan(Site(flat, [car], battery));

            var carSlots = plan.Loadpoints[0].Slots;
            var batterySlots = plan.Battery!.Slots;
            for (var t = 0; t < carSlots.Count; t++)
            {
                Assert.False(carSlots[t].SetPoint.Watts > 1e-6 && batterySlots[t].SetPoint.Watts < -1e-6, $"battery feeds the car at {carSlots[t].Start:t}");
                Assert.False(carSlots[t].SetPoint.Watts < -1e-6 && batterySlots[t].SetPoint.Watts > 1e-6, $"car feeds the battery at {carSlots[t].Start:t}");
            }
            Assert.All(batterySlots, s => Assert.Equal(0, s.SetPoint.Watts, 6));
            Assert.True(plan.Loadpoints[0].TargetsMet);
        }
    }

    [Fact]
    public void No_device_is_planned_below_its_min_soc_however_well_the_evening_pays()
    {
        var evening = Prices(h => h is >= 1 and <= 4 ? 0.90 : 0.10);
        var plan = new SitePlanner().Plan(Site(evening, [Car(50), Car(25)], Battery(60), new SiteForecast { HouseLoad = Constant(800) }));

        foreach (var schedule in plan.Loadpoints)
            Assert.All(schedule.Slots, s => Assert.True(s.SocAtEnd.Value >= 20 - 1e-6, $"car at {s.SocAtEnd} at {s.End:t}"));
        Assert.All(plan.Battery!.Slots, s => Assert.True(s.SocAtEnd.Value >= 20 - 1e-6, $"battery at {s.SocAtEnd} at {s.End:t}"));
        // It does sell in the evening, down to min SoC: the floor is what stops it.
        Assert.Equal(20, plan.Battery.Slots.Min(s => s.SocAtEnd.Value), 4);
    }

    [Fact]
    public void An_unreachable_target_gives_the_least_shortfall_at_full_power_instead_of_an_exception()
    {
        var car = Car(10, new SocTarget(Start.AddHours(1), new Percent(100)));
        var plan = new SitePlanner().Plan(Site(Prices(h => 0.3 - 0.01 * h), [car]));

        var schedule = plan.Loadpoints[0];
        Assert.False(schedule.TargetsMet);
        Assert.All(schedule.Slots.Take(4), s => Assert.Equal(11000, s.SetPoint.Watts, 3));
        Assert.Equal(10 + 11 * Math.Sqrt(0.85) / 60 * 100, schedule.Targets[0].ExpectedSoc.Value, 6);
    }

    [Fact]
    public void A_house_above_the_import_limit_still_gets_a_plan_with_the_least_excess()
    {
        // 5 kW house on a 3 kW connection for the first two hours: the car (able to discharge 11 kW) covers the gap.
        var house = new TimeSeries<Power>(Enumerable.Range(0, 48).Select(q => new TimePoint<Power>(Start + Slot * q, Power.FromWatts(q < 8 ? 5000 : 500))), Slot);
        var forecast = new SiteForecast { HouseLoad = house, Grid = new GridConnection(Power.FromKilowatts(3), null) };
        var withCar = new SitePlanner().Plan(Site(Prices(_ => 0.25), [Car(60)], forecast: forecast));
        Assert.Equal(0, withCar.GridLimitExcessKwh, 6);
        Assert.All(withCar.Loadpoints[0].Slots.Take(8), s => Assert.True(s.SetPoint.Watts <= -2000 + 1e-3, $"{s.SetPoint} at {s.Start:t}"));

        // A car that cannot discharge leaves 2 kW over the limit for two hours: reported, not thrown.
        var oneWay = Car(60) with { Settings = Car(60).Settings with { MaxDischargePower = Power.Zero } };
        var withoutDischarge = new SitePlanner().Plan(Site(Prices(_ => 0.25), [oneWay], forecast: forecast));
        Assert.Equal(4, withoutDischarge.GridLimitExcessKwh, 6);
        Assert.All(withoutDischarge.Loadpoints[0].Slots.Take(8), s => Assert.Equal(0, s.SetPoint.Watts, 6));
    }

    [Fact]
    public void The_battery_stores_pv_surplus_that_would_be_sold_cheaply()
    {
        // 4 kW of PV for three hours over a 0.5 kW house; feeding back earns 0.05 EUR/kWh, buying costs 0.30.
        var pv = new TimeSeries<Power>(Enumerable.Range(0, 48).Select(q => new TimePoint<Power>(Start + Slot * q, Power.FromWatts(q < 12 ? 4000 : 0))), Slot);
        var request = Site(Prices(_ => 0.30), [], Battery(20), new SiteForecast { HouseLoad = Constant(500), PvPower = pv }) with
        {
            SellPrices = Prices(_ => 0.05),
        };

        var plan = new SitePlanner().Plan(request);

        var battery = plan.Battery!.Slots;
        Assert.All(battery.Take(12), s => Assert.True(s.SetPoint.Watts >= -1e-6, $"battery discharges in the sun at {s.Start:t}"));
        Assert.All(battery.Skip(12), s => Assert.True(s.SetPoint.Watts <= 1e-6, $"battery charges from the grid at {s.Start:t}"));
        // It fills up to max SoC (95 %) from the surplus alone and feeds back only the rest.
        Assert.Equal(95, battery[11].SocAtEnd.Value, 6);
        var stored = battery.Take(12).Sum(s => s.SetPoint.Kilowatts * Slot.TotalHours);
        Assert.Equal(3.5 * 3 - stored, plan.Grid.Take(12).Sum(g => g.ExportKwh), 6);
        Assert.All(plan.Grid, g => Assert.Equal(0, Math.Min(g.ImportKwh, g.ExportKwh)));
    }

    [Fact]
    public void Bad_input_gives_a_clear_error_naming_the_device()
    {
        var prices = Prices(_ => 0.25);
        var hourly = Car(50) with { SlotLength = TimeSpan.FromHours(1) };
        var e = Assert.Throws<ArgumentException>(() => new SitePlanner().Plan(Site(prices, [Car(50), hourly])));
        Assert.Contains("loadpoint 2", e.Message);
        Assert.Contains("slot length", e.Message);

        e = Assert.Throws<ArgumentException>(() => new SitePlanner().Plan(Site(prices, [Car(50)], Battery(50) with { Capacity = Energy.FromKilowattHours(-10) })));
        Assert.Contains("house battery: capacity must be positive", e.Message);

        var negative = Car(50) with { Settings = Car(50).Settings with { Capacity = Energy.FromKilowattHours(-60) } };
        e = Assert.Throws<ArgumentException>(() => new SitePlanner().Plan(Site(prices, [negative])));
        Assert.Contains("loadpoint 1: capacity must be positive", e.Message);

        e = Assert.Throws<ArgumentException>(() => new SitePlanner().Plan(Site(prices, [Car(50)], forecast: new SiteForecast { PvPower = Constant(-300) })));
        Assert.Contains("PV power", e.Message);

        e = Assert.Throws<ArgumentException>(() => new SitePlanner().Plan(Site(prices, [])));
        Assert.Contains("at least one loadpoint or a house battery", e.Message);
    }
}
