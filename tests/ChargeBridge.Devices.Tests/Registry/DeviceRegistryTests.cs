using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Devices.Tests.Registry;

public sealed class DeviceRegistryTests
{
    private static readonly DeviceContext Context = new(TimeProvider.System);

    private static DeviceSpec Spec(params (string Key, string Value)[] keys) =>
        DeviceSpec.From(keys.ToDictionary(k => k.Key, k => k.Value));

    [Fact]
    public async Task A_quasar_is_built_from_its_type_name_and_keys_whatever_their_case()
    {
        var build = DeviceRegistry.Default.Charger(Spec(("type", "Quasar"), ("host", "192.168.1.20"), ("PORT", "5020")), Context);
        Assert.Empty(build.Problems);
        var quasar = Assert.IsType<QuasarDriver>(build.Device);
        Assert.True(quasar.Capabilities.Bidirectional);
        await quasar.DisposeAsync();
    }

    [Fact]
    public async Task A_quasar_with_a_wallbox_account_can_restart_itself_and_an_account_without_a_password_is_named()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-a-file-5\n");
            var withFile = DeviceRegistry.Default.Charger(Spec(("Type", "quasar"), ("Host", "192.168.1.20"), ("CloudEmail", "owner@example.org"),
                ("CloudPasswordFile", file), ("CloudSerial", "654321")), Context);
            Assert.Empty(withFile.Problems);
            await ((QuasarDriver)withFile.Device!).DisposeAsync();

            var without = DeviceRegistry.Default.Charger(Spec(("Type", "quasar"), ("Host", "192.168.1.20"), ("CloudEmail", "owner@example.org")), Context);
            Assert.Null(without.Device);
            Assert.Equal("CloudPassword", Assert.Single(without.Problems).Key);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Every_bad_key_is_named_at_once()
    {
        var build = DeviceRegistry.Default.Charger(Spec(("Type", "quasar"), ("Port", "http"), ("MaxChargePowerW", "9000")), Context);
        Assert.Null(build.Device);
        Assert.Equal(["Host", "Port", "MaxChargePowerW"], build.Problems.Select(p => p.Key));
        Assert.Contains("IP address", build.Problems[0].Fix);
    }

    [Fact]
    public void A_key_the_type_does_not_read_is_refused_with_the_keys_it_does()
    {
        var build = DeviceRegistry.Default.Charger(Spec(("Type", "quasar"), ("Host", "192.168.1.20"), ("Prot", "5020")), Context);
        Assert.Null(build.Device);
        var problem = Assert.Single(build.Problems);
        Assert.Equal("Prot", problem.Key);
        Assert.Contains("Port", problem.Fix);
    }

    [Fact]
    public void An_unknown_or_missing_type_is_refused_with_the_types_this_build_knows()
    {
        var unknown = Assert.Single(DeviceRegistry.Default.Charger(Spec(("Type", "keba-p30"), ("Host", "h")), Context).Problems);
        Assert.Equal("Type", unknown.Key);
        Assert.Contains("'keba-p30'", unknown.Fix);
        Assert.Contains("quasar", unknown.Fix);
        var missing = Assert.Single(DeviceRegistry.Default.Meter(Spec(("Host", "h")), Context).Problems);
        Assert.Contains("is empty", missing.Fix);
    }

    [Fact]
    public void Validation_checks_the_keys_without_leaving_a_device_behind()
    {
        Assert.Empty(DeviceRegistry.Default.Validate(Spec(("Type", "quasar"), ("Host", "192.168.1.20")), DeviceKind.Charger));
        Assert.Equal("Host", Assert.Single(DeviceRegistry.Default.Validate(Spec(("Type", "quasar")), DeviceKind.Charger)).Key);
    }

    [Fact]
    public void The_default_registry_finds_every_charger_and_meter_type_of_the_devices_assembly()
    {
        var types = typeof(DeviceRegistry).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false });
        Assert.Equal(types.Count(t => typeof(IChargerType).IsAssignableFrom(t)), DeviceRegistry.Default.ChargerTypes.Count);
        Assert.Equal(types.Count(t => typeof(IMeterType).IsAssignableFrom(t)), DeviceRegistry.Default.MeterTypes.Count);
        Assert.Contains(DeviceRegistry.Default.ChargerTypes, t => t.Name == "quasar");
    }
}
