using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The car integration's SoC entity in the running loop (the rule itself: Core's VehicleSocTests).</summary>
public class CarSocTests
{
    [Fact]
    public async Task In_the_loop_the_car_entity_drives_the_published_SoC_and_a_broken_value_falls_back_to_the_charger()
    {
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(x => x < 6));
            fake.SetState("sensor.car_soc", "55");
        }, new HarnessOptions(SocEntity: "sensor.car_soc"));
        Assert.Equal("55", h.Fake.GetState(V2GEntities.Default.Soc)?.State);
        Assert.Equal(55, h.Controller.Schedule!.Slots[0].SocAtStart.Value, 1);

        h.Fake.SetState("sensor.car_soc", "unavailable");
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.Soc)?.State == "40", "the charger's SoC published");
        h.Fake.SetState("sensor.car_soc", "250");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("40", h.Fake.GetState(V2GEntities.Default.Soc)?.State);
    }
}
