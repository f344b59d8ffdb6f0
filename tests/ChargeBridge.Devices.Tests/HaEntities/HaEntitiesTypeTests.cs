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
        var build = DeviceRegistry.Default.Charger(Spec([.. Ocpp, ("phases", "1"), ("MAXCURRENTA", "32"), ("PhaseSelect", "input_select.phases")]), WithHa);
        Assert.Empty(build.Problems);
        var charger = Assert.IsType<HaEntitiesCharger>(build.Device);
        Assert.Equal(7360, charger.Capabilities.MaxChargePower.Watts, 6);
        Assert.True(charger.Capabilities.CanSwitchPhases);
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
}
