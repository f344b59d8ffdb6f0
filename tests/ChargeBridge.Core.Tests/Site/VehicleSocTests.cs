using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Site;

public class VehicleSocTests
{
    private static readonly VehicleSoc Entity = new("sensor.car_soc");

    [Theory]
    [InlineData(63.5, 63.5)]
    [InlineData(0.0, 0.0)]
    [InlineData(100.0, 100.0)]
    [InlineData(null, 41.0)]
    [InlineData(-3.0, 41.0)]
    [InlineData(104.0, 41.0)]
    public void The_car_entity_wins_while_it_holds_a_percentage_otherwise_the_charger_SoC_is_used(double? entity, double expected) =>
        Assert.Equal(new Percent(expected), Entity.Choose(entity, new Percent(41)));

    [Fact]
    public void Without_an_entity_the_charger_SoC_is_used_even_when_unknown()
    {
        Assert.Equal(new Percent(41), VehicleSoc.FromCharger.Choose(63, new Percent(41)));
        Assert.Null(VehicleSoc.FromCharger.Choose(null, null));
        Assert.Null(Entity.Choose(null, null));
    }
}
