using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaEntities;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.HaEntities;

/// <summary>The charger's rules against HA states set by the test (entity ids as the OCPP integration names them).</summary>
public sealed class HaEntitiesChargerTests : IAsyncDisposable
{
    private const string Enable = "switch.charger_charge_control";
    private const string Current = "number.charger_maximum_current";
    private const string Status = "sensor.charger_status_connector";
    private const string PowerSensor = "sensor.charger_power_active_import";
    private const string Soc = "sensor.charger_soc";
    private const string Phases = "select.charger_phase_switch_mode";
    private const string PhasesNumber = "input_number.charger_phases";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger _logger = new();
    private readonly InMemoryHa _ha;
    private HaEntitiesCharger? _charger;

    public HaEntitiesChargerTests()
    {
        _ha = new InMemoryHa(_clock);
        _ha.Set(Enable, "off");
        _ha.Set(Current, "16", new { min = 6, max = 32, step = 1, unit_of_measurement = "A" });
        _ha.Set(Status, "Preparing");
        _ha.Set(PowerSensor, "0", new { unit_of_measurement = "kW" });
        _ha.Set(Soc, "41", new { unit_of_measurement = "%" });
    }

    private HaEntitiesCharger Charger(Func<HaEntitiesOptions, HaEntitiesOptions>? tune = null)
    {
        var options = new HaEntitiesOptions { Enable = Enable, Current = Current, Status = Status, PowerSensor = PowerSensor, Soc = Soc, Clock = _clock };
        _charger = new HaEntitiesCharger((tune ?? (o => o))(options), _ha, _logger);
        _charger.Start();
        return _charger;
    }

    [Fact]
    public void Capabilities_are_charge_only_with_the_minimum_of_6_A_on_the_phases()
    {
        var three = Charger().Capabilities;
        Assert.False(three.Bidirectional);
        Assert.Equal(SetPointUnit.Amperes, three.SetPointUnit);
        Assert.Equal(Power.Zero, three.MaxDischargePower);
        Assert.Equal(4140, three.MinPower.Watts, 6);
        Assert.Equal(11040, three.MaxChargePower.Watts, 6);
        Assert.Equal(3, three.Phases);
        Assert.False(three.CanSwitchPhases);

        var one = Charger(o => o with { Phases = 1 }).Capabilities;
        Assert.Equal(1380, one.MinPower.Watts, 6);
        Assert.Equal(1, one.Phases);
    }

    private static readonly string[] ForceOptions = ["Auto", "Force_1", "Force_3"];

    [Theory]
    [InlineData("Force_1", 1)]
    [InlineData("Force_3", 3)]
    [InlineData("1p", 1)]
    [InlineData("3p", 3)]
    public void With_a_phases_select_it_can_switch_and_its_limits_are_those_of_the_phases_shown(string shown, int phases)
    {
        _ha.Set(Phases, shown, new { options = new[] { "Auto", "Force_1", "Force_3", "1p", "3p" } });
        var capabilities = Charger(o => o with { PhasesEntity = Phases }).Capabilities;
        Assert.True(capabilities.CanSwitchPhases);
        Assert.Equal(phases, capabilities.Phases);
        Assert.Equal(6 * phases * 230, capabilities.MinPower.Watts, 6);
        Assert.Equal(16 * phases * 230, capabilities.MaxChargePower.Watts, 6);
        Assert.Equal(phases, _charger!.Details["phases"]);
    }

    [Fact]
    public void The_capabilities_follow_the_phases_entity_as_HA_changes_it()
    {
        _ha.Set(PhasesNumber, "3.0", new { min = 1, max = 3, step = 2 });
        var charger = Charger(o => o with { PhasesEntity = PhasesNumber });
        Assert.Equal((3, 4140.0, 11040.0), (charger.Capabilities.Phases, charger.Capabilities.MinPower.Watts, charger.Capabilities.MaxChargePower.Watts));

        _ha.Set(PhasesNumber, "1.0");
        Assert.Equal((1, 1380.0, 3680.0), (charger.Capabilities.Phases, charger.Capabilities.MinPower.Watts, charger.Capabilities.MaxChargePower.Watts));
        Assert.Equal(charger.Capabilities, ChargerCapabilities.ForCurrent(false, 1, 6, 16, canSwitchPhases: true));
    }

    [Theory]
    [InlineData("Auto")]
    [InlineData("unavailable")]
    [InlineData("unknown")]
    public void A_phases_entity_that_shows_no_phases_leaves_the_wired_phases(string shown)
    {
        _ha.Set(Phases, shown, new { options = ForceOptions });
        var capabilities = Charger(o => o with { PhasesEntity = Phases }).Capabilities;
        Assert.Equal(3, capabilities.Phases);
        Assert.True(capabilities.CanSwitchPhases);
        Assert.Equal(11040, capabilities.MaxChargePower.Watts, 6);
    }

    [Fact]
    public async Task The_status_follows_the_entities()
    {
        var charger = Charger();
        var seen = new List<ChargerStatus>();
        using var _ = charger.StatusChanges.Subscribe(seen.Add);

        Assert.Equal((ChargerState.Paused, true), (charger.Status.State, charger.Status.CarConnected));
        Assert.Equal(new Percent(41), charger.Status.StateOfCharge);

        _ha.Set(Enable, "on");
        _ha.Set(Status, "Charging");
        _ha.Set(PowerSensor, "7.36", new { unit_of_measurement = "kW" });
        Assert.Equal(ChargerState.Charging, charger.Status.State);
        Assert.Equal(7360, charger.Status.ActualPower.Watts, 6);
        Assert.True(charger.Status.Reachable);

        _ha.Set(Status, "Available");
        var status = await charger.RefreshAsync();
        Assert.Equal((ChargerState.NoCar, false), (status.State, status.CarConnected));
        Assert.Null(status.StateOfCharge);
        Assert.Equal(["Waiting", "Charging", "NoCar"], seen.Select(s => s.State.ToString()).Distinct());
    }

    [Fact]
    public void Without_a_power_sensor_the_power_charging_is_estimated_from_the_set_point()
    {
        _ha.Set(Status, "C");
        _ha.Set(Current, "10");
        Assert.Equal(6900, Charger(o => o with { PowerSensor = null }).Status.ActualPower.Watts, 6);
    }

    [Fact]
    public async Task A_status_text_nobody_knows_is_told_as_such_and_logged_once()
    {
        _ha.Set(Status, "Frobnicating");
        var status = await Charger().RefreshAsync();
        await _charger!.RefreshAsync();
        Assert.Equal(ChargerState.Unknown, status.State);
        Assert.True(status.Reachable);
        Assert.Contains("'Frobnicating' is not a status", status.DeviceStateText);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Message.Contains("Frobnicating"));
    }

    [Fact]
    public async Task A_power_sets_the_current_then_switches_on_and_writes_nothing_HA_already_shows()
    {
        _ha.Set(Current, "6");
        var charger = Charger();

        var result = await charger.SetPowerAsync(Power.FromWatts(7000));

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(["number.set_value number.charger_maximum_current 10", "switch.turn_on switch.charger_charge_control"], _ha.CallLines);

        _ha.Set(Current, "10");
        _ha.Set(Enable, "on");
        Assert.True((await charger.SetPowerAsync(Power.FromWatts(7000))).Succeeded);
        Assert.Equal(2, _ha.Calls.Count);

        Assert.True((await charger.SetPowerAsync(Power.Zero)).Succeeded);
        Assert.Equal("switch.turn_off switch.charger_charge_control", _ha.CallLines[^1]);
    }

    [Fact]
    public async Task A_power_number_takes_the_watts_of_whole_amperes()
    {
        const string powerNumber = "number.easee_home_max_charging_power";
        _ha.Set(powerNumber, "0", new { unit_of_measurement = "W" });
        var result = await Charger(o => o with { Current = null, Power = powerNumber }).SetPowerAsync(Power.FromWatts(5000));
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal($"number.set_value {powerNumber} 4830", _ha.CallLines[0]);
    }

    [Theory]
    [InlineData("Force_3", 7000, 10)]
    [InlineData("Force_3", 11040, 16)]
    [InlineData("Force_3", 3000, 6)] // below the three-phase minimum: held at 6 A on three phases, not moved to one
    [InlineData("Force_1", 3000, 13)]
    [InlineData("Force_1", 1380, 6)]
    public async Task A_power_becomes_amperes_on_the_phases_in_use_and_never_switches_them(string shown, double watts, int amperes)
    {
        _ha.Set(Phases, shown, new { options = ForceOptions });
        _ha.Set(Current, "8");
        var result = await Charger(o => o with { PhasesEntity = Phases }).SetPowerAsync(Power.FromWatts(watts));
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([$"number.set_value number.charger_maximum_current {amperes}", "switch.turn_on switch.charger_charge_control"], _ha.CallLines);
    }

    [Fact]
    public async Task On_one_phase_a_power_above_the_one_phase_maximum_is_refused()
    {
        _ha.Set(Phases, "Force_1", new { options = ForceOptions });
        var result = await Charger(o => o with { PhasesEntity = Phases }).SetPowerAsync(Power.FromWatts(5000));
        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Contains("above the maximum", result.Reason);
        Assert.Empty(_ha.Calls);
    }

    [Fact]
    public async Task A_power_number_on_three_phases_takes_the_watts_of_whole_amperes_on_three()
    {
        const string powerNumber = "number.charger_max_power";
        _ha.Set(powerNumber, "0", new { unit_of_measurement = "W" });
        _ha.Set(PhasesNumber, "3");
        var result = await Charger(o => o with { Current = null, Power = powerNumber, PhasesEntity = PhasesNumber }).SetPowerAsync(Power.FromWatts(7000));
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal($"number.set_value {powerNumber} 6900", _ha.CallLines[0]); // 10 A × 3 × 230 V
    }

    [Theory]
    [InlineData("Force_3", 1, "Force_1")]
    [InlineData("Force_1", 3, "Force_3")]
    [InlineData("Auto", 1, "Force_1")]
    public async Task A_select_is_switched_both_ways_by_the_option_that_names_the_phases(string shown, int phases, string option)
    {
        _ha.Set(Phases, shown, new { options = ForceOptions });
        var result = await Charger(o => o with { PhasesEntity = Phases }).SwitchPhasesAsync(phases);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([$"select.select_option {Phases} {option}"], _ha.CallLines);
    }

    [Theory]
    [InlineData("3.0", 1)]
    [InlineData("1.0", 3)]
    public async Task A_number_is_switched_both_ways_by_setting_the_phase_count(string shown, int phases)
    {
        _ha.Set(PhasesNumber, shown, new { min = 1, max = 3 });
        var result = await Charger(o => o with { PhasesEntity = PhasesNumber }).SwitchPhasesAsync(phases);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([$"input_number.set_value {PhasesNumber} {phases}"], _ha.CallLines);
    }

    [Fact]
    public async Task Switching_to_the_phases_shown_writes_nothing_even_while_charging()
    {
        _ha.Set(Phases, "Force_3", new { options = ForceOptions });
        _ha.Set(Status, "Charging");
        _ha.Set(Enable, "on");
        var result = await Charger(o => o with { PhasesEntity = Phases }).SwitchPhasesAsync(3);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Empty(_ha.Calls);
    }

    [Fact]
    public async Task A_switch_is_refused_while_power_flows_and_nothing_is_written()
    {
        _ha.Set(Phases, "Force_3", new { options = ForceOptions });
        _ha.Set(Enable, "on");
        _ha.Set(Status, "Charging");
        _ha.Set(PowerSensor, "4.14", new { unit_of_measurement = "kW" });
        var charger = Charger(o => o with { PhasesEntity = Phases });

        var result = await charger.SwitchPhasesAsync(1);

        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Contains("charging", result.Reason);
        Assert.Contains("stop it before switching phases", result.Reason);
        Assert.Empty(_ha.Calls);
        Assert.Equal(3, charger.Capabilities.Phases);

        // Stopped (the controller sets 0 W and waits for the car to idle), the same switch goes through.
        Assert.True((await charger.SetPowerAsync(Power.Zero)).Succeeded);
        _ha.Set(Enable, "off");
        _ha.Set(Status, "SuspendedEVSE");
        Assert.True((await charger.SwitchPhasesAsync(1)).Succeeded);
        Assert.Equal(["switch.turn_off switch.charger_charge_control", $"select.select_option {Phases} Force_1"], _ha.CallLines);
    }

    [Theory]
    [InlineData("unavailable")]
    [InlineData("unknown")]
    [InlineData(null)] // not in HA at all
    public async Task An_unavailable_phases_entity_refuses_a_switch_but_leaves_the_status_alone(string? shown)
    {
        if (shown is null) _ha.Remove(Phases);
        else _ha.Set(Phases, shown, new { options = ForceOptions });
        var charger = Charger(o => o with { PhasesEntity = Phases });

        var result = await charger.SwitchPhasesAsync(1);

        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.StartsWith($"{Phases} is ", result.Reason);
        Assert.Empty(_ha.Calls);
        Assert.True(charger.Status.Reachable);
        Assert.Equal(ChargerState.Paused, charger.Status.State);
        Assert.Equal(3, charger.Capabilities.Phases);
        Assert.True((await charger.SetPowerAsync(Power.FromWatts(7000))).Succeeded); // on the wired three phases: 10 A
        Assert.Equal("number.set_value number.charger_maximum_current 10", _ha.CallLines[0]);
    }

    [Fact]
    public async Task A_switch_HA_refuses_is_a_refused_result_with_HA_s_reason()
    {
        _ha.Set(Phases, "Force_3", new { options = ForceOptions });
        _ha.Refusal = "Charger is offline";
        var result = await Charger(o => o with { PhasesEntity = Phases }).SwitchPhasesAsync(1);
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.Equal($"Home Assistant refused select.select_option for {Phases}: Charger is offline", result.Reason);
    }

    [Fact]
    public async Task A_select_without_an_option_for_the_phases_refuses_the_switch()
    {
        _ha.Set(Phases, "Force_3", new { options = new[] { "Auto", "Force_3" } });
        var result = await Charger(o => o with { PhasesEntity = Phases }).SwitchPhasesAsync(1);
        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Contains("none of the options", result.Reason);
        Assert.Empty(_ha.Calls);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task Only_one_or_three_phases_can_be_asked_for(int phases)
    {
        _ha.Set(Phases, "Force_3", new { options = ForceOptions });
        var result = await Charger(o => o with { PhasesEntity = Phases }).SwitchPhasesAsync(phases);
        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Empty(_ha.Calls);
    }

    [Fact]
    public async Task Without_a_phases_entity_it_does_not_claim_to_switch_and_refuses_a_switch()
    {
        var charger = Charger();
        Assert.False(charger.Capabilities.CanSwitchPhases);
        Assert.False(charger.Details.ContainsKey("phases"));

        var result = await charger.SwitchPhasesAsync(1);

        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Contains("no PhasesEntity is configured", result.Reason);
        Assert.Empty(_ha.Calls);
    }

    [Theory]
    [InlineData(-2000, "cannot discharge")]
    [InlineData(12000, "above the maximum")]
    public async Task Powers_outside_the_limits_are_refused_and_nothing_is_written(double watts, string why)
    {
        var result = await Charger().SetPowerAsync(Power.FromWatts(watts));
        Assert.Equal(ChargerCommandError.OutOfLimits, result.Error);
        Assert.Contains(why, result.Reason);
        Assert.Empty(_ha.Calls);
    }

    [Fact]
    public async Task Charging_needs_a_car_but_stopping_does_not()
    {
        _ha.Set(Status, "Available");
        _ha.Set(Enable, "on");
        var charger = Charger();
        Assert.Equal(ChargerCommandError.NoCar, (await charger.SetPowerAsync(Power.FromWatts(5000))).Error);
        Assert.True((await charger.SetPowerAsync(Power.Zero)).Succeeded);
        Assert.Equal(["switch.turn_off switch.charger_charge_control"], _ha.CallLines);
    }

    [Fact]
    public async Task A_call_HA_refuses_is_a_refused_result_with_HA_s_reason()
    {
        _ha.Refusal = "Charger is offline";
        var result = await Charger().SetPowerAsync(Power.FromWatts(5000));
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.Equal("Home Assistant refused number.set_value for number.charger_maximum_current: Charger is offline", result.Reason);
    }

    [Fact]
    public async Task Release_puts_the_maximum_current_back_and_leaves_the_switch_alone()
    {
        _ha.Set(Current, "8");
        _ha.Set(Enable, "on");
        var result = await Charger(o => o with { MaxCurrentA = 20 }).ReleaseAsync();
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(["number.set_value number.charger_maximum_current 20"], _ha.CallLines);
    }

    [Fact]
    public async Task An_unavailable_entity_is_unreachable_at_once_and_faulted_after_the_grace_time()
    {
        _ha.Set(Enable, "on");
        _ha.Set(Status, "Charging");
        var charger = Charger();
        var seen = new List<ChargerStatus>();
        using var _ = charger.StatusChanges.Subscribe(seen.Add);

        _ha.Set(Status, "unavailable");
        Assert.False(charger.Status.Reachable);
        Assert.Equal(ChargerState.Charging, charger.Status.State);
        Assert.Contains("sensor.charger_status_connector is unavailable", charger.Status.FaultReason);
        var command = await charger.SetPowerAsync(Power.FromWatts(5000));
        Assert.True(command.Succeeded, "the switch and number are still there, so commands go on");

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotEqual(ChargerState.Faulted, seen[^1].State);
        _clock.Advance(TimeSpan.FromSeconds(1));
        // The timer, not a refresh, tells the fault.
        Assert.Equal(ChargerState.Faulted, seen[^1].State);
        Assert.Null(seen[^1].CarConnected);
        Assert.Equal(Power.Zero, seen[^1].ActualPower);

        _ha.Set(Status, "Charging");
        Assert.Equal((ChargerState.Charging, true), (charger.Status.State, charger.Status.Reachable));
    }

    [Fact]
    public async Task Commands_are_refused_while_the_switch_is_unavailable()
    {
        var charger = Charger();
        _ha.Set(Enable, "unavailable");
        var result = await charger.SetPowerAsync(Power.FromWatts(5000));
        Assert.Equal(ChargerCommandError.Communication, result.Error);
        Assert.Contains("switch.charger_charge_control is unavailable", result.Reason);
        Assert.Empty(_ha.Calls);
    }

    [Fact]
    public async Task An_entity_unavailable_since_long_before_the_start_is_faulted_at_once()
    {
        _ha.Set(Current, "unavailable", lastChanged: _clock.GetUtcNow() - TimeSpan.FromHours(2));
        var status = await Charger().RefreshAsync();
        Assert.Equal(ChargerState.Faulted, status.State);
        Assert.Contains("number.charger_maximum_current", status.FaultReason);
    }

    [Fact]
    public async Task A_missing_entity_is_named_with_what_to_check()
    {
        _ha.Remove(Status);
        var status = await Charger().RefreshAsync();
        Assert.False(status.Reachable);
        Assert.Contains("sensor.charger_status_connector is not in Home Assistant (check the entity id)", status.FaultReason);
    }

    public async ValueTask DisposeAsync()
    {
        if (_charger is not null) await _charger.DisposeAsync();
    }
}
