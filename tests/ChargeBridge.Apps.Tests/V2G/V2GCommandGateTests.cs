using ChargeBridge.Apps.V2G;
using ChargeBridge.Tests;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>Which decided commands reach the charger, through the V2G loop with the Quasar simulator.</summary>
public class V2GCommandGateTests
{
    private const string CarSoc = "sensor.car_soc";

    [Fact]
    public async Task A_stop_after_a_discharge_reaches_the_charger_though_only_the_cars_entity_knows_the_SoC()
    {
        await using var h = await V2GHarness.StartAsync(60, fake =>
        {
            fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(_ => false, cheap: 0.30));
            fake.SetState(CarSoc, "60");
        }, new HarnessOptions(SocEntity: CarSoc));
        // A car whose SoC the charger never reads (its register gives 0): only the car's integration knows it.
        h.Sim.Unplug();
        await h.StepAsync(TimeSpan.FromMinutes(1));
        h.Sim.InjectSocReadings(Enumerable.Repeat((ushort)0, 500).ToArray());
        h.Sim.PlugIn();
        for (var i = 0; i < 7; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Null(h.Driver.Status.StateOfCharge);

        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max discharge now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == -7400, "the discharge");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(-7400, h.Sim.Snapshot().ActualPowerW, 0);

        // Automatic on flat prices idles the car: the 0 W must reach the charger, or it discharges on unchecked.
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Automatic");
        await h.SettledAsync(() => h.Fake.GetState(V2GEntities.Default.Mode)?.State == "Automatic", "the mode change");
        for (var i = 0; i < 2; i++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, h.Sim.Snapshot().ActualPowerW, 0);
        Assert.Equal(0, h.Sim.PowerSetPointWrites.Last());
    }
}
