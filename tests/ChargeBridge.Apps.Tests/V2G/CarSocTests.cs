using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;

namespace ChargeBridge.Apps.Tests.V2G;

public class CarSocTests
{
    [Theory]
    [InlineData("63.5", 63.5)]
    [InlineData("0", 0.0)]
    [InlineData("100", 100.0)]
    [InlineData("unknown", 41.0)]
    [InlineData("unavailable", 41.0)]
    [InlineData("charging", 41.0)]
    [InlineData("NaN", 41.0)]
    [InlineData("-3", 41.0)]
    [InlineData("104", 41.0)]
    public void The_car_entity_wins_while_it_holds_a_percentage_otherwise_the_charger_SoC_is_used(string state, double expected) =>
        Assert.Equal(new Percent(expected), CarSoc.Choose(new EntityState("sensor.car_soc", state), new Percent(41)));

    [Fact]
    public void Without_the_entity_the_charger_SoC_is_used_even_when_unknown()
    {
        Assert.Equal(new Percent(41), CarSoc.Choose(null, new Percent(41)));
        Assert.Null(CarSoc.Choose(new EntityState("sensor.car_soc", "unavailable"), null));
    }

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
