using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.SunSpec;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.SunSpec;

/// <summary>The registry builds <c>sunspec</c> by name and names its bad keys.</summary>
public sealed class SunSpecTypeTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static DeviceSpec Spec(params (string Key, string Value)[] keys) => DeviceSpec.From(keys.ToDictionary(k => k.Key, k => k.Value));

    [Fact]
    public async Task A_sunspec_meter_built_by_name_reads_its_device()
    {
        await using var twin = SunSpecSimulator.Start(new SunSpecSimulatorOptions { Inverter = true, Meter = true });
        twin.SetInverter(SunSpecInverterValues.Idle with { Power = Power.FromWatts(3000) });
        var build = DeviceRegistry.Default.Meter(Spec(("Type", "SunSpec"), ("host", "127.0.0.1"), ("PORT", twin.Endpoint.Port.ToString()),
            ("model", "Inverter"), ("TimeoutS", "1.5")), new DeviceContext(_clock));

        Assert.Empty(build.Problems);
        await using var meter = Assert.IsType<SunSpecDriver>(build.Device);
        var reading = await meter.RefreshAsync();
        Assert.Equal(-3000, reading.Power!.Value.Watts);
        Assert.Equal(_clock.GetUtcNow(), reading.At);
    }

    [Fact]
    public void A_missing_host_and_a_bad_model_invert_and_port_are_named_at_once()
    {
        var build = DeviceRegistry.Default.Meter(Spec(("Type", "sunspec"), ("Model", "battery"), ("Invert", "yes"), ("Port", "0")),
            new DeviceContext(_clock));

        Assert.Null(build.Device);
        Assert.Equal(["Host", "Port", "Model", "Invert"], build.Problems.Select(p => p.Key));
        Assert.Contains("IP address", build.Problems[0].Fix);
        Assert.Contains("auto, inverter, meter", build.Problems[2].Fix);
    }

    [Fact]
    public void Validation_checks_the_keys_without_contacting_a_device()
    {
        Assert.Empty(DeviceRegistry.Default.Validate(Spec(("Type", "sunspec"), ("Host", "192.0.2.10"), ("Port", "1502")), DeviceKind.Meter));
        Assert.Equal("Host", Assert.Single(DeviceRegistry.Default.Validate(Spec(("Type", "sunspec")), DeviceKind.Meter)).Key);
    }
}
