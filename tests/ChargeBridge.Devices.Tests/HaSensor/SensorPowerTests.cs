using ChargeBridge.Devices.HaSensor;
using ChargeBridge.HassModel;
using System.Text.Json;

namespace ChargeBridge.Devices.Tests.HaSensor;

public sealed class SensorPowerTests
{
    private static EntityState State(string state, string? unit = null) => new("sensor.p", state,
        unit is null ? new Dictionary<string, JsonElement>() : new Dictionary<string, JsonElement> { ["unit_of_measurement"] = JsonSerializer.SerializeToElement(unit) });

    [Theory]
    [InlineData("1500", "W", SensorUnit.Auto, 1500)]
    [InlineData("1.5", "kW", SensorUnit.Auto, 1500)]
    [InlineData("-0.25", "kW", SensorUnit.Auto, -250)]
    [InlineData("730", null, SensorUnit.Auto, 730)]
    [InlineData("2.2", null, SensorUnit.Kilowatts, 2200)]
    [InlineData("2.2", "kW", SensorUnit.Watts, 2.2)] // a configured unit wins over the sensor's
    public void A_state_is_read_in_its_unit(string state, string? unit, SensorUnit configured, double watts)
    {
        var power = SensorPower.Read(State(state, unit), configured, out var problem);
        Assert.Null(problem);
        Assert.Equal(watts, power!.Value.Watts, 6);
    }

    [Theory]
    [InlineData("unavailable", "W", "is unavailable")]
    [InlineData("unknown", "W", "is unknown")]
    [InlineData("n/a", "W", "'n/a', which is not a number")]
    [InlineData("230", "V", "is in 'V', not W or kW")]
    public void A_state_that_is_no_power_says_why(string state, string unit, string why)
    {
        Assert.Null(SensorPower.Read(State(state, unit), SensorUnit.Auto, out var problem));
        Assert.Contains(why, problem);
    }

    [Fact]
    public void A_missing_entity_says_so()
    {
        Assert.Null(SensorPower.Read(null, SensorUnit.Auto, out var problem));
        Assert.Contains("does not exist", problem);
    }
}
