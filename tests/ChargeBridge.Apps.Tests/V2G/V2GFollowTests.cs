using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>Home power's set points reaching the charger beside the minute step.</summary>
public sealed class V2GFollowTests
{
    private const string CarSoc = "sensor.car_soc";

    [Fact]
    public async Task A_control_step_that_meets_a_minute_step_holding_the_charger_is_sent_with_the_next_one()
    {
        HeldCharger? held = null;
        await using var h = await V2GHarness.StartAsync(60, fake => fake.SetState(CarSoc, "60"),
            new HarnessOptions(SocEntity: CarSoc, Charger: driver => held = new HeldCharger(driver)));
        var share = Power.FromWatts(-3000);

        // The minute step after the change to max discharge decides before home power has a share for it, and its
        // command takes a while; the control step giving the share comes meanwhile.
        held!.Hold();
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, V2GEntities.ModeNames[ChargeMode.MaxDischargeNow]);
        await ChargeBridge.Tests.Wait.Until(() => held.Holding, "the minute step's command");
        h.Controller.Follow(ChargeMode.MaxDischargeNow, null, share);
        held.Release();
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == -7400, "the minute step's max discharge");

        // The next control step asks for the same share: it must still reach the charger, without waiting for a minute step.
        h.Controller.Follow(ChargeMode.MaxDischargeNow, null, share);
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == -3000, "the share of the control step");
    }
}
