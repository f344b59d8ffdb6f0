using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Control;

/// <summary>The charge-mode rules for the modes home power control leads, and for Automatic shaped by it.</summary>
public class ChargeModeHomePowerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));
    private static readonly ChargerCapabilities Quasar = new(true, SetPointUnit.Amperes, Power.FromWatts(7400), Power.FromWatts(7400));

    public static TheoryData<ChargeMode> HomePowerModes =>
        [ChargeMode.SolarOnly, ChargeMode.MinPlusSolar, ChargeMode.PowerTheHouse, ChargeMode.ChargeFromExport, ChargeMode.ZeroGrid];

    private static ControlInput Input(ChargeMode mode, double? homePower, double? soc = 50, double? scheduled = null, bool connected = true,
        bool wasConnected = true, ChargerCapabilities? capabilities = null) =>
        new(Now, mode, soc is { } s ? new Percent(s) : null, connected, wasConnected, false, scheduled is { } w ? Power.FromWatts(w) : null,
            new ChargeSettings { MinSoc = new(20) }, capabilities ?? Quasar, SafetySnapshot.DefaultPracticalMaxSoc)
        {
            HomePower = homePower is { } h ? Power.FromWatts(h) : null,
        };

    private static Power W(double watts) => Power.FromWatts(watts);

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void A_home_power_mode_sends_what_home_power_control_asks_for(ChargeMode mode)
    {
        var charging = ChargeModeController.Decide(Input(mode, 2990, scheduled: -3000));
        var discharging = ChargeModeController.Decide(Input(mode, -2050, scheduled: 5000));

        Assert.Equal((ChargerCommand.Set(W(2990)), mode, false), (charging.Command, charging.Mode, charging.Safety!.Limited));
        Assert.Equal((ChargerCommand.Set(W(-2050)), mode, false), (discharging.Command, discharging.Mode, discharging.Safety!.Limited));
    }

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void A_home_power_mode_without_an_answer_from_the_meter_holds_0_W_not_the_schedule(ChargeMode mode)
    {
        var decision = ChargeModeController.Decide(Input(mode, null, scheduled: 5000));

        Assert.True(decision.Command.IsStop);
        Assert.Equal(mode, decision.Mode);
    }

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void Home_power_never_discharges_at_the_floor(ChargeMode mode)
    {
        var decision = ChargeModeController.Decide(Input(mode, -2050, soc: 21));

        Assert.True(decision.Command.IsStop);
        Assert.Equal((W(-2050), Power.Zero), (decision.Safety!.Requested, decision.Safety.Allowed));
    }

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void Home_power_never_discharges_with_the_SoC_unknown(ChargeMode mode) =>
        Assert.True(ChargeModeController.Decide(Input(mode, -2050, soc: null)).Command.IsStop);

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void Below_min_SoC_every_home_power_mode_charges_at_full_power_and_keeps_its_mode(ChargeMode mode)
    {
        var decision = ChargeModeController.Decide(Input(mode, -2050, soc: 15));

        Assert.Equal(ChargerCommand.Set(W(7400)), decision.Command);
        Assert.Equal(mode, decision.Mode);
    }

    [Fact]
    public void Home_power_beyond_the_chargers_limit_is_clamped()
    {
        var decision = ChargeModeController.Decide(Input(ChargeMode.ChargeFromExport, 9000));

        Assert.Equal(ChargerCommand.Set(W(7400)), decision.Command);
        Assert.True(decision.Safety!.Limited);
    }

    [Fact]
    public void Home_power_that_is_not_a_number_stops_the_charger() =>
        Assert.True(ChargeModeController.Decide(Input(ChargeMode.ZeroGrid, double.NaN)).Command.IsStop);

    [Fact]
    public void A_charge_only_charger_is_never_asked_to_discharge()
    {
        var chargeOnly = Quasar with { Bidirectional = false };

        Assert.True(ChargeModeController.Decide(Input(ChargeMode.ZeroGrid, -2050, capabilities: chargeOnly)).Command.IsStop);
    }

    [Fact]
    public void Surplus_charging_stops_at_the_practical_maximum_and_the_mode_stays()
    {
        var decision = ChargeModeController.Decide(Input(ChargeMode.SolarOnly, 2990, soc: 97));

        Assert.True(decision.Command.IsStop);
        Assert.Equal(ChargeMode.SolarOnly, decision.Mode);
    }

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void Unplugging_keeps_a_home_power_mode_and_sends_nothing(ChargeMode mode)
    {
        var decision = ChargeModeController.Decide(Input(mode, 2990, connected: false, wasConnected: true));

        Assert.Equal(mode, decision.Mode);
        Assert.True(decision.Command.IsStop);
    }

    [Theory]
    [MemberData(nameof(HomePowerModes))]
    public void Plugging_in_while_a_home_power_mode_is_on_asks_whether_to_switch_to_Automatic(ChargeMode mode) =>
        Assert.True(ChargeModeController.Decide(Input(mode, null, connected: true, wasConnected: false)).AskToSwitchToAutomatic);

    [Fact]
    public void Automatic_shaped_by_home_power_sends_the_shaped_set_point_over_the_schedule()
    {
        var decision = ChargeModeController.Decide(Input(ChargeMode.Automatic, 4830, scheduled: 2000));

        Assert.Equal(ChargerCommand.Set(W(4830)), decision.Command);
        Assert.Equal(ChargeMode.Automatic, decision.Mode);
        Assert.False(decision.AskToSwitchToAutomatic);
    }

    [Fact]
    public void Automatic_where_home_power_does_not_lead_follows_the_schedule() =>
        Assert.Equal(ChargerCommand.Set(W(-3000)), ChargeModeController.Decide(Input(ChargeMode.Automatic, null, scheduled: -3000)).Command);

    [Fact]
    public void Automatic_powering_the_house_still_stops_at_the_floor()
    {
        var decision = ChargeModeController.Decide(Input(ChargeMode.Automatic, -2050, soc: 20.5, scheduled: 0));

        Assert.True(decision.Command.IsStop);
        Assert.True(decision.Safety!.Limited);
    }

    [Fact]
    public void Automatic_below_min_SoC_charges_at_full_power_whatever_home_power_asks() =>
        Assert.Equal(ChargerCommand.Set(W(7400)), ChargeModeController.Decide(Input(ChargeMode.Automatic, -2050, soc: 15)).Command);
}
