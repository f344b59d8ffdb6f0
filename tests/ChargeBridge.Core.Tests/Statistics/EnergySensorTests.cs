using System.Text.Json;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

public class EnergySensorTests
{
    [Fact]
    public void Lifetime_totals_become_energy_dashboard_sensors()
    {
        var sensors = EnergySensor.From(new EnergyTotals(Energy.FromKilowattHours(1234.56789), Energy.FromKilowattHours(0.0004), 0, 0, 0));

        Assert.Equal(["sensor.chargebridge_charged_energy", "sensor.chargebridge_discharged_energy"], sensors.Select(s => s.EntityId));
        Assert.Equal(["1234.568", "0.000"], sensors.Select(s => s.State));
        Assert.Equal(
            """{"friendly_name":"ChargeBridge charged energy","unit_of_measurement":"kWh","device_class":"energy","state_class":"total_increasing"}""",
            JsonSerializer.Serialize(sensors[0].Attributes));
    }
}
