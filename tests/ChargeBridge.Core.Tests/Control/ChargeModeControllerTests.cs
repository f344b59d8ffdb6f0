using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Control;

public class ChargeModeControllerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 18, 0, 0, TimeSpan.FromHours(1));
    private static readonly ChargerCapabilities Quasar = new(true, SetPointUnit.Amperes, Power.FromWatts(7400), Power.FromWatts(7400));

    private static ControlInput Input(ChargeMode mode, double? soc = 50, bool connected = true, bool wasConnected = true,
        bool faulted = false, double? scheduled = null) =>
        new(Now, mode, soc is { } v ? new Percent(v) : null, connected, wasConnected, faulted,
            scheduled is { } w ? Power.FromWatts(w) : null, new ChargeSettings { MinSoc = new(20) }, Quasar,
            SafetySnapshot.DefaultPracticalMaxSoc);

    [Fact]
    public void Automatic_follows_the_schedule_slot()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.Automatic, scheduled: -3000));
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(-3000)), d.Command);
        Assert.Equal(ChargeMode.Automatic, d.Mode);
        Assert.Contains("schedule", d.Reason);
    }

    [Fact]
    public void Automatic_without_a_schedule_idles()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.Automatic));
        Assert.True(d.Command.IsStop);
    }

    [Fact]
    public void Automatic_below_min_soc_charges_at_full_power_whatever_the_schedule_says_and_stays_automatic()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.Automatic, soc: 15, scheduled: -3000));
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(7400)), d.Command);
        Assert.Equal(ChargeMode.Automatic, d.Mode);
        Assert.Contains("below the minimum", d.Reason);
    }

    [Fact]
    public void Automatic_at_the_floor_never_discharges_even_when_the_schedule_asks()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.Automatic, soc: 20.5, scheduled: -3000));
        Assert.True(d.Command.IsStop);
        Assert.Contains("floor", d.Reason);
    }

    [Fact]
    public void Every_mode_keeps_within_the_grid_limits_share()
    {
        var share = Power.FromWatts(3850);
        Assert.Equal(ChargerCommand.Set(share), ChargeModeController.Decide(Input(ChargeMode.MaxBoostNow) with { GridShare = share }).Command);
        var belowMin = ChargeModeController.Decide(Input(ChargeMode.Automatic, soc: 15) with { GridShare = share });
        Assert.Equal(ChargerCommand.Set(share), belowMin.Command);
        Assert.Contains("grid limit", belowMin.Reason);
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(-3000)),
            ChargeModeController.Decide(Input(ChargeMode.MaxDischargeNow) with { GridShare = Power.FromWatts(-3000) }).Command);
        // A share above what the mode asks changes nothing; one in the other direction stops the car.
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(7400)),
            ChargeModeController.Decide(Input(ChargeMode.MaxBoostNow) with { GridShare = Power.FromWatts(9000) }).Command);
        Assert.True(ChargeModeController.Decide(Input(ChargeMode.MaxBoostNow) with { GridShare = Power.FromWatts(-1000) }).Command.IsStop);
        Assert.True(ChargeModeController.Decide(Input(ChargeMode.MaxDischargeNow) with { GridShare = Power.FromWatts(500) }).Command.IsStop);
    }

    [Fact]
    public void Below_min_soc_a_home_power_set_point_does_not_lower_full_power_charging() =>
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(7400)),
            ChargeModeController.Decide(Input(ChargeMode.SolarOnly, soc: 15) with { HomePower = Power.Zero }).Command);

    [Fact]
    public void Max_boost_charges_at_full_power_until_the_practical_max_then_returns_to_automatic()
    {
        var boosting = ChargeModeController.Decide(Input(ChargeMode.MaxBoostNow, soc: 96.9));
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(7400)), boosting.Command);
        Assert.Equal(ChargeMode.MaxBoostNow, boosting.Mode);

        var done = ChargeModeController.Decide(Input(ChargeMode.MaxBoostNow, soc: 97, scheduled: 0));
        Assert.Equal(ChargeMode.Automatic, done.Mode);
        Assert.True(done.Command.IsStop);
        Assert.Contains("practical maximum", done.Reason);
    }

    [Fact]
    public void Max_discharge_discharges_at_full_power_until_min_plus_one_then_returns_to_automatic()
    {
        var discharging = ChargeModeController.Decide(Input(ChargeMode.MaxDischargeNow, soc: 21.2));
        Assert.Equal(ChargerCommand.Set(Power.FromWatts(-7400)), discharging.Command);
        Assert.Equal(ChargeMode.MaxDischargeNow, discharging.Mode);

        var done = ChargeModeController.Decide(Input(ChargeMode.MaxDischargeNow, soc: 21));
        Assert.Equal(ChargeMode.Automatic, done.Mode);
        Assert.True(done.Command.IsStop);
    }

    [Fact]
    public void Max_discharge_with_unknown_soc_holds_zero()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.MaxDischargeNow, soc: null));
        Assert.True(d.Command.IsStop);
        Assert.Contains("SoC unknown", d.Reason);
    }

    [Fact]
    public void Pause_releases_control_to_the_chargers_app()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.Pause, soc: 10, scheduled: 5000));
        Assert.Equal(ChargerCommand.Release, d.Command);
        Assert.Equal(ChargeMode.Pause, d.Mode);
        Assert.Null(d.Safety);
    }

    [Theory]
    [InlineData(ChargeMode.MaxBoostNow, ChargeMode.Automatic)]
    [InlineData(ChargeMode.MaxDischargeNow, ChargeMode.Automatic)]
    [InlineData(ChargeMode.Pause, ChargeMode.Pause)]
    [InlineData(ChargeMode.Automatic, ChargeMode.Automatic)]
    public void Unplugging_ends_boost_and_discharge(ChargeMode before, ChargeMode after)
    {
        var d = ChargeModeController.Decide(Input(before, connected: false, wasConnected: true));
        Assert.Equal(after, d.Mode);
        Assert.Equal(0, d.Command.SetPoint.Watts);
    }

    [Theory]
    [InlineData(ChargeMode.Pause, true)]
    [InlineData(ChargeMode.MaxBoostNow, true)]
    [InlineData(ChargeMode.Automatic, false)]
    public void Plugging_in_outside_automatic_asks_to_switch(ChargeMode mode, bool ask)
    {
        Assert.Equal(ask, ChargeModeController.Decide(Input(mode, connected: true, wasConnected: false)).AskToSwitchToAutomatic);
        Assert.False(ChargeModeController.Decide(Input(mode, connected: true, wasConnected: true)).AskToSwitchToAutomatic);
    }

    [Theory]
    [InlineData(ChargeMode.Automatic)]
    [InlineData(ChargeMode.MaxBoostNow)]
    [InlineData(ChargeMode.MaxDischargeNow)]
    public void A_faulted_charger_gets_zero_in_every_power_mode(ChargeMode mode)
    {
        var d = ChargeModeController.Decide(Input(mode, soc: 10, faulted: true, scheduled: 4000));
        Assert.True(d.Command.IsStop);
        Assert.Contains("faulted", d.Reason);
    }

    [Fact]
    public void Schedule_set_points_pass_the_envelope()
    {
        var d = ChargeModeController.Decide(Input(ChargeMode.Automatic, scheduled: 20000));
        Assert.Equal(7400, d.Command.SetPoint.Watts);
        Assert.True(d.Safety!.Limited);
    }
}
