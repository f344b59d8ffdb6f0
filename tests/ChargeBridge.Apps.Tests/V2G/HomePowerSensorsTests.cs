using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Tests;

namespace ChargeBridge.Apps.Tests.V2G;

public class HomePowerSensorsTests
{
    [Theory]
    [InlineData(HomePowerState.WaitingForSurplus, "waiting_for_surplus")]
    [InlineData(HomePowerState.ChargingAtMinimum, "charging_at_minimum")]
    [InlineData(HomePowerState.NoCar, "no_car")]
    [InlineData(HomePowerState.Off, "off")]
    public void States_are_published_in_snake_case(HomePowerState state, string shown) =>
        Assert.Equal(shown, HomePowerSensors.StateName(state));

    [Fact]
    public void The_user_guide_lists_every_state_the_sensor_can_show()
    {
        var guide = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "user-guide.md"))
            .Single(line => line.StartsWith("| `sensor.chargebridge_home_power`", StringComparison.Ordinal));

        Assert.All(Enum.GetValues<HomePowerState>(), state => Assert.Contains($"`{HomePowerSensors.StateName(state)}`", guide));
    }
}
