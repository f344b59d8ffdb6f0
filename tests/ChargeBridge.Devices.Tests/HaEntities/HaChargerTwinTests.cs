using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.HaEntities;

/// <summary>The ha-entities charger built by the registry, over real sockets to the HA fake, driving the twin.</summary>
public sealed class HaChargerTwinTests
{
    private static async Task<(HaFakeHarness Ha, HaChargerTwin Twin, HaEntitiesCharger Charger)> StartAsync(HaChargerTwinOptions? options = null)
    {
        var ha = await HaFakeHarness.StartAsync();
        var twin = HaChargerTwin.Attach(ha.Fake, (options ?? new HaChargerTwinOptions()) with { Clock = ha.Clock });
        await Wait.Until(() => ha.Client.GetState(twin.Status) is not null, "the twin's entities");
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(twin.ChargerKeys), ha.Context);
        Assert.Empty(build.Problems);
        var charger = Assert.IsType<HaEntitiesCharger>(build.Device);
        charger.Start();
        return (ha, twin, charger);
    }

    private static Task Until(HaEntitiesCharger charger, Func<ChargerStatus, bool> condition, string what) =>
        Wait.Until(() => condition(charger.Status), what);

    [Fact]
    public async Task A_power_sets_the_number_and_switch_and_the_car_charges()
    {
        var (ha, twin, charger) = await StartAsync(new HaChargerTwinOptions { MaxCurrentA = 16, InitialSoc = new Percent(40) });
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await Until(charger, s => s.State == ChargerState.Paused, "the connected car with the switch off");

        var result = await charger.SetPowerAsync(Power.FromWatts(7000));

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("10", ha.Fake.GetState(twin.Current)!.State);
        Assert.Equal("on", ha.Fake.GetState(twin.Enable)!.State);
        Assert.Equal(6900, twin.ActualPower.Watts, 6);
        await Until(charger, s => s.State == ChargerState.Charging && Math.Abs(s.ActualPower.Watts - 6900) < 1, "charging at 6.9 kW");
        Assert.Equal("C", ha.Fake.GetState(twin.Status)!.State);

        ha.Clock.Advance(TimeSpan.FromHours(1));
        // 6.9 kWh at 92 % into 60 kWh: 10.58 %
        Assert.Equal(50.58, twin.CarSoc.Value, 1);
        await Until(charger, s => s.StateOfCharge is { Value: > 50.5 }, "the SoC the twin published");
        Assert.Equal(6.9, twin.Delivered.KilowattHours, 3);
        Assert.Equal(Energy.FromKilowattHours(6.9), charger.Details["energy"]);

        Assert.True((await charger.SetPowerAsync(Power.Zero)).Succeeded);
        Assert.Equal("off", ha.Fake.GetState(twin.Enable)!.State);
        await Until(charger, s => s.State == ChargerState.Paused && s.ActualPower == Power.Zero, "stopped");
        Assert.Equal(Power.Zero, twin.ActualPower);
    }

    [Fact]
    public async Task Plugging_and_unplugging_show_as_status_letters()
    {
        var (ha, twin, charger) = await StartAsync(new HaChargerTwinOptions { CarConnected = false, PowerInKilowatts = true });
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await ha.Shows(twin.Status, "A");
        await Until(charger, s => s.State == ChargerState.NoCar && s.CarConnected == false, "no car");
        Assert.Equal(ChargerCommandError.NoCar, (await charger.SetPowerAsync(Power.FromWatts(5000))).Error);

        twin.Plug(new Percent(20));
        await Until(charger, s => s.CarConnected == true && s.StateOfCharge == new Percent(20), "the car plugged in");
        Assert.True((await charger.SetPowerAsync(Power.FromWatts(11040))).Succeeded);
        await Until(charger, s => s.State == ChargerState.Charging, "charging");
        // The twin reports kW here: the charger reads the unit.
        Assert.Equal("11.04", ha.Fake.GetState(twin.PowerSensor)!.State);
        Assert.Equal(11040, charger.Status.ActualPower.Watts, 6);

        twin.Unplug();
        await Until(charger, s => s.State == ChargerState.NoCar, "the car gone");
    }

    [Fact]
    public async Task A_call_HA_refuses_comes_back_as_a_refused_result()
    {
        var (ha, twin, charger) = await StartAsync();
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await Until(charger, s => s.CarConnected == true, "the car");

        twin.RefuseCalls("Charge point rejected the request");
        var refused = await charger.SetPowerAsync(Power.FromWatts(5000));
        Assert.Equal(ChargerCommandError.Communication, refused.Error);
        Assert.Contains("Charge point rejected the request", refused.Reason);
        Assert.Equal("off", ha.Fake.GetState(twin.Enable)!.State);

        // The twin's number takes 6–16 A as HA's number entity would: a charger configured beyond that is refused by HA.
        twin.RefuseCalls(null);
        await using var wide = new HaEntitiesCharger(new HaEntitiesOptions
        {
            Enable = twin.Enable, Current = twin.Current, Status = twin.Status, MaxCurrentA = 32, Clock = ha.Clock,
        }, ha.Ha, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var outOfRange = await wide.SetPowerAsync(Power.FromWatts(22080));
        Assert.Equal(ChargerCommandError.Communication, outOfRange.Error);
        Assert.Contains("outside valid range", outOfRange.Reason);
    }

    [Fact]
    public async Task A_charger_gone_from_HA_is_unreachable_then_faulted_and_comes_back()
    {
        var (ha, twin, charger) = await StartAsync();
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await Until(charger, s => s.CarConnected == true, "the car");

        twin.GoOffline();
        await Until(charger, s => !s.Reachable, "unreachable");
        Assert.NotEqual(ChargerState.Faulted, charger.Status.State);
        Assert.Equal(ChargerCommandError.Communication, (await charger.SetPowerAsync(Power.FromWatts(5000))).Error);

        ha.Clock.Advance(TimeSpan.FromSeconds(61));
        await Until(charger, s => s.State == ChargerState.Faulted, "faulted after the grace time");
        Assert.Contains("is unavailable since", charger.Status.FaultReason);

        twin.Recover();
        await Until(charger, s => s.Reachable && s.State == ChargerState.Paused, "back");
        Assert.True((await charger.SetPowerAsync(Power.FromWatts(5000))).Succeeded);
    }

    [Fact]
    public async Task A_switchable_twin_switches_phases_both_ways_while_stopped_and_the_car_charges_on_them()
    {
        var (ha, twin, charger) = await StartAsync(new HaChargerTwinOptions { PhaseSwitching = true });
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await Until(charger, s => s.State == ChargerState.Paused, "the connected car with the switch off");
        Assert.Equal("3p", ha.Fake.GetState(twin.PhasesEntity!)!.State);
        Assert.Equal((3, true), (charger.Capabilities.Phases, charger.Capabilities.CanSwitchPhases));

        var down = await charger.SwitchPhasesAsync(1);

        Assert.True(down.Succeeded, down.Reason);
        Assert.Equal(1, twin.Phases);
        Assert.Equal("1p", ha.Fake.GetState(twin.PhasesEntity!)!.State);
        await Wait.Until(() => charger.Capabilities.Phases == 1, "one phase in the charger's capabilities");
        Assert.Equal(3680, charger.Capabilities.MaxChargePower.Watts, 6);

        Assert.True((await charger.SetPowerAsync(Power.FromWatts(3000))).Succeeded);
        Assert.Equal("13", ha.Fake.GetState(twin.Current)!.State); // 3000 W on one phase
        Assert.Equal(2990, twin.ActualPower.Watts, 6);
        await Until(charger, s => s.State == ChargerState.Charging, "charging on one phase");

        Assert.True((await charger.SetPowerAsync(Power.Zero)).Succeeded);
        await Until(charger, s => s.State == ChargerState.Paused, "stopped");
        var up = await charger.SwitchPhasesAsync(3);

        Assert.True(up.Succeeded, up.Reason);
        Assert.Equal(3, twin.Phases);
        await Wait.Until(() => charger.Capabilities.Phases == 3, "three phases in the charger's capabilities");
        Assert.True((await charger.SetPowerAsync(Power.FromWatts(7000))).Succeeded);
        Assert.Equal("10", ha.Fake.GetState(twin.Current)!.State);
        Assert.Equal(6900, twin.ActualPower.Watts, 6);
    }

    [Fact]
    public async Task Neither_the_charger_nor_the_twin_switches_phases_while_power_flows()
    {
        var (ha, twin, charger) = await StartAsync(new HaChargerTwinOptions { PhaseSwitching = true });
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await Until(charger, s => s.CarConnected == true, "the car");
        Assert.True((await charger.SetPowerAsync(Power.FromWatts(7000))).Succeeded);
        await Until(charger, s => s.State == ChargerState.Charging, "charging");

        var refused = await charger.SwitchPhasesAsync(1);

        Assert.Equal(ChargerCommandError.OutOfLimits, refused.Error);
        Assert.Contains("stop it before switching phases", refused.Reason);
        Assert.Equal(3, twin.Phases);

        // The twin refuses too, as a charger whose contactor must not switch under load does.
        var error = await Assert.ThrowsAsync<ChargeBridge.HassModel.HaCommandException>(() => ha.Ha.CallServiceAsync("select", "select_option",
            ChargeBridge.HassModel.ServiceTarget.Entity(twin.PhasesEntity!), new Dictionary<string, object> { ["option"] = "1p" }));
        Assert.Contains("cannot switch phases while charging", error.ServerMessage);
        Assert.Equal(3, twin.Phases);
        Assert.Equal(6900, twin.ActualPower.Watts, 6);
    }

    [Fact]
    public async Task A_switch_to_a_twin_gone_offline_is_refused_as_unavailable()
    {
        var (ha, twin, charger) = await StartAsync(new HaChargerTwinOptions { PhaseSwitching = true });
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        await Until(charger, s => s.CarConnected == true, "the car");

        twin.GoOffline();
        await ha.Shows(twin.PhasesEntity!, "unavailable");
        var refused = await charger.SwitchPhasesAsync(1);

        Assert.Equal(ChargerCommandError.Communication, refused.Error);
        Assert.Contains("unavailable", refused.Reason);
        Assert.Equal(3, twin.Phases);
        Assert.Equal(3, charger.Capabilities.Phases);
    }

    [Fact]
    public async Task A_twin_that_cannot_switch_has_no_phases_entity_and_the_charger_says_so()
    {
        var (ha, twin, charger) = await StartAsync();
        await using var _ = ha;
        using var __ = twin;
        await using var ___ = charger;
        Assert.Null(twin.PhasesEntity);
        Assert.False(twin.ChargerKeys.ContainsKey("PhasesEntity"));
        Assert.False(charger.Capabilities.CanSwitchPhases);
    }
}
