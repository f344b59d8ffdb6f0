using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.Shelly;

namespace ChargeBridge.Devices.Tests.Shelly;

/// <summary>The three Shelly types in the registry: built by name from their keys, every bad key reported, no secret told.</summary>
public sealed class ShellyTypeTests : ShellyTwinFixture
{
    private static readonly DeviceContext Context = new(TimeProvider.System);

    private static DeviceBuild<ChargeBridge.Core.Meters.IMeter> Build(params (string Key, string Value)[] keys) =>
        DeviceRegistry.Default.Meter(DeviceSpec.From(keys.ToDictionary(k => k.Key, k => k.Value)), Context);

    [Theory]
    [InlineData("shelly-gen1", typeof(ShellyGen1Meter))]
    [InlineData("Shelly-Pro3EM", typeof(ShellyPro3EmMeter))]
    [InlineData("shelly-proem", typeof(ShellyProEmMeter))]
    public void Each_type_is_built_by_name(string type, Type meter)
    {
        var build = Build(("type", type), ("host", "192.168.1.40"));
        Assert.Empty(build.Problems);
        Assert.IsType(meter, build.Device);
        Assert.Equal("192.168.1.40:80", build.Device!.ToString()!.Split(' ')[1]);
        (build.Device as IDisposable)!.Dispose();
    }

    [Fact]
    public void The_registry_lists_the_three_types_with_their_keys()
    {
        foreach (var name in new[] { "shelly-gen1", "shelly-pro3em", "shelly-proem" })
        {
            var type = Assert.Single(DeviceRegistry.Default.MeterTypes, t => t.Name == name);
            Assert.Contains("Host", type.Description);
            Assert.Contains("Invert (false)", type.Description);
            Assert.Contains("TimeoutS (5)", type.Description);
            Assert.DoesNotContain("docs/devices.md", type.Hint);
        }
    }

    [Theory]
    [InlineData("shelly-gen1")]
    [InlineData("shelly-pro3em")]
    [InlineData("shelly-proem")]
    public void A_missing_host_and_a_bad_port_are_reported_together(string type)
    {
        var build = Build(("Type", type), ("Port", "http"), ("Password", "s3cret-pass"));
        Assert.Null(build.Device);
        Assert.Equal(["Host", "Port"], build.Problems.Select(p => p.Key));
        Assert.Contains("IP address", build.Problems[0].Fix);
        Assert.Contains("'http'", build.Problems[1].Fix);
        Assert.All(build.Problems, p => Assert.DoesNotContain("s3cret-pass", p.ToString()));
    }

    [Theory]
    [InlineData("shelly-gen1", "Channel", "3")]
    [InlineData("shelly-gen1", "Channel", "both")]
    [InlineData("shelly-proem", "Channel", "2")]
    [InlineData("shelly-pro3em", "Channel", "1")]
    [InlineData("shelly-pro3em", "Invert", "yes")]
    [InlineData("shelly-proem", "TimeoutS", "0")]
    [InlineData("shelly-gen1", "Port", "70000")]
    [InlineData("shelly-gen1", "Host", "http://192.168.1.40/")]
    public void A_bad_key_is_named(string type, string key, string value)
    {
        var keys = new Dictionary<string, string> { ["Type"] = type, ["Host"] = "192.168.1.40", [key] = value };
        var build = DeviceRegistry.Default.Meter(DeviceSpec.From(keys), Context);
        Assert.Null(build.Device);
        Assert.Equal(key, Assert.Single(build.Problems).Key);
    }

    [Fact]
    public void A_username_without_a_password_is_reported()
    {
        var build = Build(("Type", "shelly-pro3em"), ("Host", "h"), ("Username", "admin"));
        Assert.Equal("Password", Assert.Single(build.Problems).Key);
    }

    [Fact]
    public void Validation_finds_the_problems_without_a_device()
    {
        Assert.Empty(DeviceRegistry.Default.Validate(DeviceSpec.From(new Dictionary<string, string> { ["Type"] = "shelly-gen1", ["Host"] = "h", ["Channel"] = "all" }), DeviceKind.Meter));
        Assert.Equal("Host", Assert.Single(DeviceRegistry.Default.Validate(DeviceSpec.From(new Dictionary<string, string> { ["Type"] = "shelly-proem" }), DeviceKind.Meter)).Key);
    }

    [Theory]
    [InlineData(ShellyModel.Gen1Em)]
    [InlineData(ShellyModel.Pro3Em)]
    [InlineData(ShellyModel.ProEm)]
    public async Task Creating_a_meter_does_not_contact_the_device(ShellyModel model)
    {
        var twin = await Twin(model);
        var meter = Meter(twin, ("Password", "pw-never-sent"));
        Assert.Equal(0, twin.Requests);
        await meter.RefreshAsync();
        Assert.True(twin.Requests > 0);
    }

    [Fact]
    public void The_password_is_in_no_text_of_the_options_or_the_meter()
    {
        var build = Build(("Type", "shelly-pro3em"), ("Host", "192.168.1.40"), ("Username", "admin"), ("Password", "s3cret-pass"));
        using var meter = (IDisposable)build.Device!;
        var options = ShellyOptions.Read(DeviceSpec.From(new Dictionary<string, string> { ["Host"] = "h", ["Password"] = "s3cret-pass" }));
        Assert.Equal("s3cret-pass", options.Credentials!.Password);
        Assert.DoesNotContain("s3cret-pass", options.ToString());
        Assert.DoesNotContain("s3cret-pass", build.Device!.ToString());
        Assert.DoesNotContain("s3cret-pass", new ShellySimulatorOptions { Password = "s3cret-pass" }.ToString());
    }
}
