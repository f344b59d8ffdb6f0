using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.HaEntities;

public sealed class HaEntitiesTypeTests
{
    private static readonly FakeTimeProvider Clock = new();
    private static readonly DeviceContext WithHa = new(Clock) { Ha = new InMemoryHa(Clock) };

    private static DeviceSpec Spec(params (string Key, string Value)[] keys) =>
        DeviceSpec.From(new[] { ("Type", "ha-entities") }.Concat(keys).ToDictionary(k => k.Item1, k => k.Item2));

    private static readonly (string, string)[] Ocpp =
    [
        ("Enable", "switch.charger_charge_control"), ("Current", "number.charger_maximum_current"), ("Status", "sensor.charger_status_connector"),
    ];

    [Fact]
    public async Task The_registry_builds_it_by_name_with_keys_in_any_case()
    {
        var build = DeviceRegistry.Default.Charger(Spec([.. Ocpp, ("phases", "1"), ("MAXCURRENTA", "32")]), WithHa);
        Assert.Empty(build.Problems);
        var charger = Assert.IsType<HaEntitiesCharger>(build.Device);
        Assert.Equal(7360, charger.Capabilities.MaxChargePower.Watts, 6);
        Assert.False(charger.Capabilities.CanSwitchPhases);
        await charger.DisposeAsync();
    }

    [Fact]
    public void Entities_of_the_wrong_domain_are_named()
    {
        var problems = DeviceRegistry.Default.Charger(Spec(("Enable", "sensor.charger_charge_control"), ("Current", "switch.charger_current"),
            ("Status", "number.charger_status"), ("Soc", "Sensor.Car SoC")), WithHa).Problems;
        Assert.Equal(["Enable", "Current", "Status", "Soc"], problems.Select(p => p.Key));
        Assert.Contains("switch.* or input_boolean.*", problems[0].Fix);
        Assert.Contains("number.* or input_number.*", problems[1].Fix);
        Assert.Contains("'Sensor.Car SoC'", problems[3].Fix);
    }

    [Fact]
    public void Current_and_Power_together_or_neither_are_refused()
    {
        var both = DeviceRegistry.Default.Charger(Spec([.. Ocpp, ("Power", "number.charger_power")]), WithHa);
        Assert.Null(both.Device);
        Assert.Contains("both set", Assert.Single(both.Problems).Fix);

        var neither = DeviceRegistry.Default.Charger(Spec(("Enable", "switch.c"), ("Status", "sensor.c")), WithHa);
        Assert.Equal("Current", Assert.Single(neither.Problems).Key);
    }

    [Fact]
    public void Bad_numbers_and_missing_required_keys_are_named_at_once()
    {
        var problems = DeviceRegistry.Default.Charger(Spec(("Current", "number.c"), ("Phases", "2"), ("MinCurrentA", "20"), ("VoltageV", "400")), WithHa).Problems;
        Assert.Equal(["Enable", "Status", "Phases", "VoltageV", "MinCurrentA"], problems.Select(p => p.Key));
    }

    [Fact]
    public void Validation_needs_no_Home_Assistant_but_a_site_does()
    {
        Assert.Empty(DeviceRegistry.Default.Validate(Spec(Ocpp), DeviceKind.Charger));
        var validating = DeviceRegistry.Default.Charger(Spec(Ocpp), new DeviceContext(Clock) { Validating = true });
        Assert.Empty(validating.Problems);
        Assert.Equal("Enable", Assert.Single(DeviceRegistry.Default.Validate(Spec(Ocpp[1..]), DeviceKind.Charger)).Key);

        var withoutHa = DeviceRegistry.Default.Charger(Spec(Ocpp), new DeviceContext(Clock));
        Assert.Null(withoutHa.Device);
        Assert.StartsWith("ha-entities needs Home Assistant", Assert.Single(withoutHa.Problems).Fix);
    }

    [Theory]
    [InlineData("select.goe_123456_psm")]
    [InlineData("input_select.charger_phases")]
    [InlineData("number.charger_phases")]
    [InlineData("input_number.charger_phases")]
    public async Task A_phases_entity_of_a_select_or_number_makes_a_charger_that_switches(string entity)
    {
        var build = DeviceRegistry.Default.Charger(Spec([.. Ocpp, ("phasesentity", entity)]), WithHa);
        Assert.Empty(build.Problems);
        var charger = Assert.IsType<HaEntitiesCharger>(build.Device);
        Assert.True(charger.Capabilities.CanSwitchPhases);
        Assert.Equal(entity, charger.Details["phases entity"]);
        await charger.DisposeAsync();
        Assert.Empty(DeviceRegistry.Default.Validate(Spec([.. Ocpp, ("PhasesEntity", entity)]), DeviceKind.Charger));
    }

    [Fact]
    public async Task PhaseSelect_is_still_read_as_the_former_name_of_PhasesEntity()
    {
        var build = DeviceRegistry.Default.Charger(Spec([.. Ocpp, ("PhaseSelect", "select.goe_123456_psm")]), WithHa);
        Assert.Empty(build.Problems);
        var charger = Assert.IsType<HaEntitiesCharger>(build.Device);
        Assert.True(charger.Capabilities.CanSwitchPhases);
        Assert.Equal("select.goe_123456_psm", charger.Details["phases entity"]);
        await charger.DisposeAsync();
    }

    [Fact]
    public void A_phases_entity_of_another_domain_both_names_or_a_one_phase_wiring_are_refused()
    {
        var sensor = DeviceRegistry.Default.Validate(Spec([.. Ocpp, ("PhasesEntity", "sensor.charger_phases")]), DeviceKind.Charger);
        Assert.Equal("PhasesEntity", Assert.Single(sensor).Key);
        Assert.Contains("select.* or input_select.* or number.* or input_number.*", sensor[0].Fix);
        Assert.Contains("'sensor.charger_phases'", sensor[0].Fix);

        var both = DeviceRegistry.Default.Validate(Spec([.. Ocpp, ("PhasesEntity", "select.a"), ("PhaseSelect", "select.b")]), DeviceKind.Charger);
        Assert.Equal("PhaseSelect", Assert.Single(both).Key);
        Assert.Contains("both set", both[0].Fix);

        var onePhase = DeviceRegistry.Default.Validate(Spec([.. Ocpp, ("PhasesEntity", "select.a"), ("Phases", "1")]), DeviceKind.Charger);
        Assert.Equal("Phases", Assert.Single(onePhase).Key);
        Assert.Contains("wired for 3", onePhase[0].Fix);
    }

    [Fact]
    public void A_misspelt_phases_key_is_refused_as_unknown_and_the_known_keys_are_listed()
    {
        var problems = DeviceRegistry.Default.Validate(Spec([.. Ocpp, ("PhaseEntity", "select.a")]), DeviceKind.Charger);
        var problem = Assert.Single(problems);
        Assert.Equal("PhaseEntity", problem.Key);
        Assert.Contains("is not a key of the ha-entities type", problem.Fix);
        Assert.Contains("PhasesEntity", problem.Fix);
    }
}
