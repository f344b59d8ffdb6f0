using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using ChargeBridge.Core.Wear;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The battery wear from the loadpoint's settings goes into the plan, and the plan's wear shows on its sensor.</summary>
public class V2GBatteryWearTests
{
    // Cheap (0.05 EUR/kWh) until 06:00 UTC, 0.30 after: buying cheap and feeding back dear pays 0.30 × 0.95 − 0.05 / 0.95.
    private static bool Cheap(int utcHour) => utcHour < 6;

    private static async Task<(double FedBackKwh, double WearEur)> PlanWith(BatteryWear wear)
    {
        await using var h = await V2GHarness.StartAsync(80, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(Cheap)),
            new HarnessOptions(Wear: wear));
        await h.StepAsync(TimeSpan.FromMinutes(1));
        var schedule = h.Controller.Schedule ?? throw new InvalidOperationException("no schedule");
        var fedBack = schedule.Slots.Sum(s => Math.Max(0, -s.SetPoint.Watts) * s.Length.TotalHours / 1000);
        var sensor = double.Parse(h.Fake.GetState(V2GEntities.Default.PlanWear)?.State ?? "missing", CultureInfo.InvariantCulture);
        Assert.Equal(schedule.DegradationCostEur, sensor, 3);
        return (fedBack, sensor);
    }

    [Fact]
    public async Task A_pack_that_wears_little_still_feeds_back_and_its_wear_is_shown()
    {
        // NMC at 8000 EUR for 62 kWh, 30 % cycles: about 0.067 EUR per kWh fed back, well under the spread.
        var wear = new BatteryWear { Chemistry = BatteryChemistry.Nmc, PackPriceEur = 8000 };
        var settings = new ChargeSettings(); // the helpers' defaults the harness plans with: 62 kWh, 85 % round trip
        var perKwh = wear.PerKwhFedBack(settings.Capacity, settings.DischargeEfficiency).EurPerKwh;
        var (fedBack, wearEur) = await PlanWith(wear);
        Assert.True(fedBack > 1, $"fed back {fedBack} kWh");
        Assert.Equal(fedBack * perKwh, wearEur, 2);
    }

    [Fact]
    public async Task A_pack_whose_wear_eats_the_spread_is_not_discharged_for_it()
    {
        // NCA, 40 000 EUR, deep cycles in the heat: about 1.2 EUR per kWh fed back, more than the 0.25 spread earns.
        var (fedBack, wearEur) = await PlanWith(new BatteryWear
        {
            Chemistry = BatteryChemistry.Nca, PackPriceEur = 40_000, Depth = new Percent(80), TemperatureC = 35,
        });
        Assert.Equal(0, fedBack, 3);
        Assert.Equal(0, wearEur, 3);
    }
}
