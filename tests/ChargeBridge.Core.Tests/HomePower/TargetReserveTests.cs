using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class TargetReserveTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 18, 0, 0, TimeSpan.Zero);

    // 50 kWh, 5 kW and no losses: one hour of charging time (two hours to the target) puts back 10 %-points.
    private static readonly ChargeSettings Settings = new()
    {
        Capacity = Energy.FromKilowattHours(50),
        MinSoc = new Percent(20),
        MaxChargePower = Power.FromKilowatts(5),
        RoundTripEfficiency = new Percent(100),
    };

    private static readonly ChargerCapabilities Charger = new(true, SetPointUnit.Watts, Power.FromKilowatts(11), Power.FromKilowatts(11));

    private static SocTarget Target(double hoursAhead, double soc) => new(Now + TimeSpan.FromHours(hoursAhead), new Percent(soc));

    private static double Reserve(params SocTarget[] targets) => TargetReserve.For(targets, Now, Settings, Charger).Value;

    [Fact]
    public void Without_targets_the_reserve_is_min_SoC() => Assert.Equal(20, Reserve());

    [Fact]
    public void A_target_ahead_needs_its_SoC_less_what_half_the_time_to_it_can_put_back() =>
        Assert.Equal(60, Reserve(Target(4, 80)), 6);

    [Fact]
    public void A_target_due_now_needs_all_of_its_SoC() => Assert.Equal(80, Reserve(Target(0, 80)), 6);

    [Fact]
    public void A_target_already_past_needs_nothing() => Assert.Equal(20, Reserve(Target(-0.25, 80)));

    [Fact]
    public void A_target_far_enough_ahead_needs_no_more_than_min_SoC() => Assert.Equal(20, Reserve(Target(24, 80)));

    [Fact]
    public void The_reserve_is_never_below_min_SoC() => Assert.Equal(20, Reserve(Target(0, 10)));

    [Fact]
    public void The_most_demanding_target_sets_the_reserve()
    {
        // 80 % in 4 h needs 60 %; 70 % in 1 h needs 65 %; 90 % in 10 h needs 40 %.
        Assert.Equal(65, Reserve(Target(4, 80), Target(1, 70), Target(10, 90)), 6);
        Assert.Equal(65, Reserve(Target(10, 90), Target(1, 70), Target(4, 80)), 6);
    }

    [Fact]
    public void The_lower_of_the_chargers_and_the_users_maximum_counts()
    {
        var slowCharger = Charger with { MaxChargePower = Power.FromKilowatts(3) };

        Assert.Equal(68, TargetReserve.For([Target(4, 80)], Now, Settings, slowCharger).Value, 6);
    }

    [Fact]
    public void Charging_losses_raise_the_reserve()
    {
        // 81 % round trip: 90 % of what flows in is stored.
        var lossy = Settings with { RoundTripEfficiency = new Percent(81) };

        Assert.Equal(62, TargetReserve.For([Target(4, 80)], Now, lossy, Charger).Value, 6);
    }

    [Fact]
    public void A_charger_that_cannot_charge_keeps_the_whole_target() =>
        Assert.Equal(80, TargetReserve.For([Target(4, 80)], Now, Settings, Charger with { MaxChargePower = Power.Zero }).Value, 6);

    [Fact]
    public void An_unknown_capacity_falls_back_to_min_SoC_without_dividing_by_zero() =>
        Assert.Equal(20, TargetReserve.For([Target(1, 80)], Now, Settings with { Capacity = Energy.Zero }, Charger).Value);

    [Fact]
    public void The_reserve_rises_to_the_target_as_it_comes_closer()
    {
        var target = Target(4, 80);
        var reserves = Enumerable.Range(0, 17)
            .Select(quarter => TargetReserve.For([target], Now + TimeSpan.FromMinutes(15 * quarter), Settings, Charger).Value)
            .ToList();

        Assert.Equal(reserves.Order(), reserves);
        Assert.Equal(80, reserves[^1], 6);
    }
}
