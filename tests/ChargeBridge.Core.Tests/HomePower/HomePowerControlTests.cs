using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomePowerControlTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly ChargerCapabilities Watts = new(true, SetPointUnit.Watts, Power.FromWatts(7400), Power.FromWatts(7400));

    [Fact]
    public void Solar_charging_keeps_its_set_point_through_changes_under_one_ampere()
    {
        var control = new HomePowerControl(new HomePowerSettings());
        var inForce = Power.Zero;
        var written = new List<Power>();
        // 4.4 kW of surplus with ±20 W of meter noise for three minutes, one reading every 5 s.
        for (var i = 0; i < 36; i++)
        {
            var now = T0 + TimeSpan.FromSeconds(5 * i);
            var grid = Power.FromWatts(inForce.Watts - 4400 + (i % 2 == 0 ? 20 : -20));
            var step = control.Step(new HomePowerInput(now, ChargeMode.SolarOnly, MeterReading.Read(now, grid), inForce, inForce, true,
                new Percent(50), new ChargeSettings(), Watts, new Percent(97), null, false, false, new Percent(0), null, null));
            if (step.SetPoint is { } setPoint && setPoint != inForce) written.Add(inForce = setPoint);
        }
        Assert.True(inForce.Watts > 4000, $"charging at {inForce}");
        Assert.Single(written); // the start; the noise moves the damped target by a few watts, never by an ampere
    }
}
