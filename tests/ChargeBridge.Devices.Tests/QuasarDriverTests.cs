using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using static ChargeBridge.Devices.Tests.DriverHarness;

namespace ChargeBridge.Devices.Tests;

public sealed class QuasarDriverTests
{
    private static Task<DriverHarness> Start(Func<QuasarDriverOptions, QuasarDriverOptions>? driver = null) =>
        DriverHarness.StartAsync(driver: driver ?? (o => o with { AcquireSocOnPlugIn = false }));

    [Fact]
    public async Task Setting_power_takes_control_starts_and_writes_the_set_point_once()
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        var result = await h.Driver.SetPowerAsync(W(3000));

        Assert.True(result.Succeeded, result.Reason);
        var sim = h.Sim.Snapshot();
        Assert.True(sim.RemoteControl);
        Assert.False(sim.Autostart);
        Assert.True(sim.PowerSetPointType);
        Assert.Equal(600, sim.IdleTimeoutSeconds);
        Assert.Equal(3000, sim.PowerSetPointW);

        await h.Driver.SetPowerAsync(W(3000));
        Assert.Equal([3000], h.Sim.PowerSetPointWrites);

        await h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChargerState.Charging, h.Driver.Status.State);
        Assert.Equal(3000, h.Driver.Status.ActualPower.Watts);

        await h.Driver.SetPowerAsync(W(-2500));
        await h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChargerState.Discharging, h.Driver.Status.State);
        Assert.Equal(-2500, h.Driver.Status.ActualPower.Watts);

        await h.Driver.SetPowerAsync(Power.Zero);
        var stopped = await h.Driver.RefreshAsync();
        Assert.Equal(ChargerState.Paused, stopped.State);
        Assert.Equal(2, h.Sim.Snapshot().LastAction);
        Assert.Equal([3000, -2500, 0], h.Sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task A_set_point_right_after_its_own_stop_starts_the_charger_again()
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        await h.Driver.SetPowerAsync(W(3000));
        await h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChargerState.Charging, h.Driver.Status.State);

        // No poll in between: the driver's last status still reads "charging" although it stopped the charger itself.
        await h.Driver.SetPowerAsync(Power.Zero);
        await h.Driver.SetPowerAsync(W(2000));
        Assert.Equal(1, h.Sim.Snapshot().LastAction);
        await h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChargerState.Charging, h.Driver.Status.State);
        Assert.Equal(2000, h.Driver.Status.ActualPower.Watts);
    }

    [Fact]
    public async Task Refusals_write_nothing_and_say_why()
    {
        await using var h = await Start(o => o with { AcquireSocOnPlugIn = false, MaxChargePower = W(5000), MaxDischargePower = W(3000) });
        await h.Driver.RefreshAsync();

        var tooHigh = await h.Driver.SetPowerAsync(W(5001));
        Assert.Equal(ChargerCommandError.OutOfLimits, tooHigh.Error);
        Assert.Contains("5000 W", tooHigh.Reason);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Driver.SetPowerAsync(W(-3001))).Error);

        h.Sim.SetAppSchedule(true);
        await h.Driver.RefreshAsync();
        Assert.True(h.Driver.Status.ControlledByApp);
        Assert.Equal(ChargerCommandError.ControlledByApp, (await h.Driver.SetPowerAsync(W(1000))).Error);
        h.Sim.SetAppSchedule(false);

        h.Sim.Unplug();
        await h.Driver.RefreshAsync();
        Assert.Equal(ChargerCommandError.NoCar, (await h.Driver.SetPowerAsync(W(1000))).Error);
        Assert.Empty(h.Sim.PowerSetPointWrites);
        Assert.False(h.Sim.Snapshot().RemoteControl);
    }

    [Fact]
    public async Task The_charger_limit_register_caps_the_configured_limits()
    {
        await using var h = await DriverHarness.StartAsync(sim: o => o with { MaxPowerW = 3680 }, driver: o => o with { AcquireSocOnPlugIn = false });
        await h.Driver.RefreshAsync();
        Assert.Equal(3680, h.Driver.Capabilities.MaxChargePower.Watts);
        Assert.Equal(3680, h.Driver.Capabilities.MaxDischargePower.Watts);
        Assert.Equal(ChargerCommandError.OutOfLimits, (await h.Driver.SetPowerAsync(W(3681))).Error);
        Assert.True((await h.Driver.SetPowerAsync(W(3680))).Succeeded);
    }

    [Fact]
    public async Task Release_writes_zero_then_hands_control_back()
    {
        await using var h = await Start();
        await h.Driver.SetPowerAsync(W(2000));
        var released = await h.Driver.ReleaseAsync();
        Assert.True(released.Succeeded);
        var sim = h.Sim.Snapshot();
        Assert.False(sim.RemoteControl);
        Assert.True(sim.Autostart);
        Assert.Equal(0, sim.PowerSetPointW);
        Assert.Equal([2000, 0], h.Sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task It_polls_every_5_s_with_a_car_and_every_15_s_without()
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        var before = h.Statuses.Count;
        await h.RunForAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(12, h.Statuses.Count - before);

        h.Sim.Unplug();
        await h.RunForAsync(TimeSpan.FromSeconds(5));
        before = h.Statuses.Count;
        await h.RunForAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(4, h.Statuses.Count - before);
        Assert.All(h.Statuses.Skip(before), s => Assert.Equal(ChargerState.NoCar, s.State));
    }

    [Fact]
    public async Task Polling_keeps_the_idle_timeout_fed_and_a_stopped_driver_leaves_the_charger_to_its_fail_safe()
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        await h.Driver.SetPowerAsync(W(4000));
        await h.RunForAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(1, h.Sim.Snapshot().StateCode);
        Assert.Equal(4000, h.Sim.Snapshot().ActualPowerW);

        await h.Driver.DisposeAsync(); // the driver process ends without a word to the charger
        h.Clock.Advance(TimeSpan.FromSeconds(590));
        Assert.Equal(4000, h.Sim.Snapshot().ActualPowerW);
        h.Clock.Advance(TimeSpan.FromSeconds(15));
        var after = h.Sim.Snapshot();
        Assert.Equal(0, after.ActualPowerW);
        Assert.Equal(4, after.StateCode);
    }

    [Fact]
    public async Task It_stops_the_charger_when_the_car_leaves()
    {
        await using var h = await Start();
        await h.StartPollingAsync();
        await h.Driver.SetPowerAsync(W(4000));
        await h.RunForAsync(TimeSpan.FromSeconds(10));
        h.Sim.Unplug();
        await h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(ChargerState.NoCar, h.Driver.Status.State);
        Assert.Equal(2, h.Sim.Snapshot().LastAction);

        h.Sim.PlugIn(new Percent(40));
        await h.RunForAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, h.Sim.Snapshot().StateCode); // the next car does not start on its own
        Assert.Equal(ChargerState.Paused, h.Driver.Status.State);
    }

    [Fact]
    public async Task A_new_car_has_its_soc_learnt_through_the_glitches_and_is_then_stopped()
    {
        await using var h = await DriverHarness.StartAsync(sim: o => o with { CarConnected = false });
        await h.StartPollingAsync();
        h.Sim.InjectSocReadings(1, 98, 0);
        h.Sim.PlugIn(new Percent(63));
        await h.RunUntilAsync(() => h.Driver.Status.StateOfCharge is not null, TimeSpan.FromMinutes(2));

        Assert.Equal(63, h.Driver.Status.StateOfCharge!.Value.Value, 0);
        Assert.Equal([1, 0], h.Sim.PowerSetPointWrites);
        await h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(4, h.Sim.Snapshot().StateCode);
        Assert.Equal(ChargerState.Paused, h.Driver.Status.State);
        Assert.Equal(63, h.Driver.Status.StateOfCharge!.Value.Value, 0); // kept while idle, though the register reads 0
    }

    [Fact]
    public async Task A_stop_while_a_new_car_s_soc_is_read_lets_the_reading_finish_and_it_stops_by_itself()
    {
        await using var h = await DriverHarness.StartAsync(sim: o => o with { CarConnected = false });
        await h.StartPollingAsync();
        h.Sim.InjectSocReadings(0, 0, 0);
        h.Sim.PlugIn(new Percent(55));
        await h.RunUntilAsync(() => h.Sim.PowerSetPointWrites.Count == 1, TimeSpan.FromMinutes(1));

        var stop = await h.Driver.SetPowerAsync(Power.Zero);
        Assert.True(stop.Succeeded);
        Assert.Equal([1], h.Sim.PowerSetPointWrites);
        await h.RunUntilAsync(() => h.Driver.Status.StateOfCharge is not null, TimeSpan.FromMinutes(2));
        Assert.Equal(55, h.Driver.Status.StateOfCharge!.Value.Value, 0);
        Assert.Equal([1, 0], h.Sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task A_car_already_connected_when_the_driver_starts_has_its_soc_read_even_after_a_stop()
    {
        await using var h = await DriverHarness.StartAsync(sim: o => o with { CarConnected = true, InitialSoc = new Percent(62) });
        Assert.True((await h.Driver.SetPowerAsync(Power.Zero)).Succeeded);
        await h.StartPollingAsync();
        await h.RunUntilAsync(() => h.Driver.Status.StateOfCharge is not null, TimeSpan.FromMinutes(2));
        Assert.Equal(62, h.Driver.Status.StateOfCharge!.Value.Value, 0);
        Assert.Equal(0, h.Sim.PowerSetPointWrites[^1]);
        Assert.Contains(1, h.Sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task Soc_readings_of_1_are_accepted_only_after_60_s_of_acquisition()
    {
        await using var h = await DriverHarness.StartAsync(sim: o => o with { CarConnected = false, InitialSoc = new Percent(1) });
        await h.StartPollingAsync();
        h.Sim.PlugIn();
        var pluggedAt = h.Now;
        await h.RunUntilAsync(() => h.Driver.Status.StateOfCharge is not null, TimeSpan.FromMinutes(3));
        Assert.Equal(1, h.Driver.Status.StateOfCharge!.Value.Value);
        // acquisition starts with the first poll after the plug-in (at most 15 s) and polls every 5 s
        Assert.InRange(h.Now - pluggedAt, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(80));
    }

    [Theory]
    [InlineData(0, ChargerState.NoCar, false)]
    [InlineData(1, ChargerState.Charging, true)]
    [InlineData(2, ChargerState.Waiting, true)]
    [InlineData(3, ChargerState.Paused, true)]
    [InlineData(4, ChargerState.Paused, true)]
    [InlineData(5, ChargerState.Paused, true)]
    [InlineData(6, ChargerState.NoCar, false)]
    [InlineData(7, ChargerState.Faulted, null)]
    [InlineData(8, ChargerState.Paused, true)]
    [InlineData(9, ChargerState.Faulted, null)]
    [InlineData(10, ChargerState.Paused, true)]
    [InlineData(11, ChargerState.Discharging, true)]
    [InlineData(12, ChargerState.Faulted, null)]
    public async Task Every_state_code_maps_onto_the_abstraction(int code, ChargerState state, bool? car)
    {
        await using var h = await Start();
        h.Sim.ForceStateCode(code);
        var status = await h.Driver.RefreshAsync();
        Assert.Equal(state, status.State);
        Assert.Equal(car, status.CarConnected);
        Assert.Equal(code, status.DeviceStateCode);
        Assert.Equal(code == 3, status.ControlledByApp);
        Assert.Equal(code == 6, status.Locked);
        Assert.Equal(state == ChargerState.Faulted, status.FaultReason is not null);
        Assert.True(status.Reachable);
    }
}
