using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The power deviation sensor through the V2G loop: it stays off where the charger cannot follow the set point by design.</summary>
public class V2GPowerDeviationTests
{
    private static void Prices(HomeAssistantFake fake) => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(h => h < 6));

    [Fact]
    public async Task A_boost_into_a_full_car_that_takes_no_power_is_no_deviation()
    {
        await using var h = await V2GHarness.StartAsync(50, Prices);
        h.Sim.Unplug();
        await h.StepAsync(TimeSpan.FromMinutes(1));
        h.Sim.PlugIn(new Percent(100));
        await h.StepAsync(TimeSpan.FromMinutes(1));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");

        for (var i = 0; i < 6; i++)
        {
            await h.StepAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, h.Sim.Snapshot().ActualPowerW, 0);
            Assert.Equal("off", h.Fake.GetState(V2GEntities.Default.PowerDeviation)?.State);
        }
        Assert.Equal("Max boost now", h.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State);
    }
}
