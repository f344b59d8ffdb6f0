using ChargeBridge.Core.Units;
using ChargeBridge.Devices.SunSpec;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.SunSpec;

/// <summary>The sunspec driver against its twin over loopback.</summary>
public sealed class SunSpecDriverTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
    }

    private SunSpecSimulator Twin(SunSpecSimulatorOptions options)
    {
        var twin = SunSpecSimulator.Start(options);
        _owned.Add(twin);
        return twin;
    }

    private SunSpecDriver Driver(SunSpecSimulator twin, SunSpecModelChoice model = SunSpecModelChoice.Auto, bool invert = false)
    {
        var driver = new SunSpecDriver(new SunSpecDriverOptions
        {
            Host = "127.0.0.1", Port = twin.Endpoint.Port, Model = model, Invert = invert, Clock = _clock,
        });
        _owned.Insert(0, driver);
        return driver;
    }

    [Fact]
    public async Task An_inverter_103_reads_as_negative_power_with_its_scale_factor()
    {
        var twin = Twin(new SunSpecSimulatorOptions { PowerSf = 1, EnergySf = 2 });
        twin.SetInverter(new SunSpecInverterValues(Power.FromWatts(4230), [231.4, 232, 229.9], [6.1, 6.2, 6.3], 50.02,
            Energy.FromKilowattHours(12_345.6)));
        var driver = Driver(twin);

        var reading = await driver.RefreshAsync();

        Assert.Null(reading.Problem);
        Assert.Equal(-4230, reading.Power!.Value.Watts, 6); // 423 × 10¹, produced → negative consumption
        Assert.Equal(231.4, reading.Voltage!.Value, 6);
        Assert.Equal(50.02, reading.Frequency!.Value, 6);
        Assert.Equal(12_345.6, reading.Exported!.Value.KilowattHours, 6); // 123456 × 10² Wh
        Assert.Empty(reading.Phases);
        Assert.Equal(_clock.GetUtcNow(), reading.At);
        Assert.Equal(103, driver.Details["sunspecModel"]);
        Assert.Equal("ChargeBridge", driver.Details["manufacturer"]);
        Assert.Equal("SunSpec twin", driver.Details["model"]);
        Assert.Equal("SIM-0001", driver.Details["serial"]);
    }

    [Fact]
    public async Task A_meter_203_reads_power_voltage_and_current_per_phase_frequency_and_both_counters()
    {
        var twin = Twin(new SunSpecSimulatorOptions { Inverter = false, Meter = true, EnergySf = 1 });
        twin.SetMeter(new SunSpecMeterValues([Power.FromWatts(1500), Power.FromWatts(-200), Power.FromWatts(700)],
            [230.1, 229.5, 231], [6.52, 0.87, 3.04], 49.98, Energy.FromWattHours(8_765_430), Energy.FromWattHours(1_234_560)));
        var driver = Driver(twin);

        var reading = await driver.RefreshAsync();

        Assert.Null(reading.Problem);
        Assert.Equal(2000, reading.Power!.Value.Watts);
        Assert.Equal([1500, -200, 700], reading.Phases.Select(p => p.Power.Watts));
        Assert.Equal([230.1, 229.5, 231], reading.Phases.Select(p => Math.Round(p.Voltage!.Value, 6)));
        Assert.Equal([6.52, 0.87, 3.04], reading.Phases.Select(p => Math.Round(p.Current!.Value, 6)));
        Assert.Equal(230.1, reading.Voltage!.Value, 6);
        Assert.Equal(49.98, reading.Frequency!.Value, 6);
        Assert.Equal(8_765_430, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(1_234_560, reading.Exported!.Value.WattHours, 6);
        Assert.Equal(203, driver.Details["sunspecModel"]);
    }

    [Fact]
    public async Task Invert_flips_a_meters_power_and_swaps_its_counters()
    {
        var twin = Twin(new SunSpecSimulatorOptions { Inverter = false, Meter = true });
        twin.SetMeter(SunSpecMeterValues.Idle with
        {
            PhasePower = [Power.FromWatts(-1000), Power.FromWatts(-1000), Power.FromWatts(-1000)],
            Imported = Energy.FromWattHours(100), Exported = Energy.FromWattHours(900),
        });
        var reading = await Driver(twin, invert: true).RefreshAsync();

        Assert.Equal(3000, reading.Power!.Value.Watts);
        Assert.All(reading.Phases, p => Assert.Equal(1000, p.Power.Watts));
        Assert.Equal(900, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(100, reading.Exported!.Value.WattHours, 6);
    }

    [Fact]
    public async Task Model_auto_reads_the_meter_when_the_device_has_both_and_inverter_can_be_chosen()
    {
        var twin = Twin(new SunSpecSimulatorOptions { Inverter = true, Meter = true });
        twin.SetInverter(SunSpecInverterValues.Idle with { Power = Power.FromWatts(5000) });
        twin.SetMeter(SunSpecMeterValues.Idle with { PhasePower = [Power.FromWatts(-1000), Power.Zero, Power.Zero] });

        Assert.Equal(-1000, (await Driver(twin).RefreshAsync()).Power!.Value.Watts);
        Assert.Equal(-5000, (await Driver(twin, SunSpecModelChoice.Inverter).RefreshAsync()).Power!.Value.Watts);
        Assert.Equal(-1000, (await Driver(twin, SunSpecModelChoice.Meter).RefreshAsync()).Power!.Value.Watts);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50000)]
    public async Task A_map_at_base_0_or_50000_is_found_too(int baseAddress)
    {
        var twin = Twin(new SunSpecSimulatorOptions { BaseAddress = (ushort)baseAddress, OtherModels = [(64, 12)] });
        twin.SetInverter(SunSpecInverterValues.Idle with { Power = Power.FromWatts(800) });
        var driver = Driver(twin);

        Assert.Equal(-800, (await driver.RefreshAsync()).Power!.Value.Watts);
        Assert.Equal(baseAddress, driver.Details["baseAddress"]);
    }

    [Fact]
    public async Task The_chain_is_read_once_and_each_refresh_reads_only_the_block()
    {
        var twin = Twin(new SunSpecSimulatorOptions());
        var driver = Driver(twin);
        await driver.RefreshAsync();
        var afterDiscovery = twin.Requests;

        twin.SetInverter(SunSpecInverterValues.Idle with { Power = Power.FromWatts(1234) });
        _clock.Advance(TimeSpan.FromSeconds(5));
        var reading = await driver.RefreshAsync();

        Assert.Equal(afterDiscovery + 1, twin.Requests);
        Assert.Equal(-1234, reading.Power!.Value.Watts);
        Assert.Equal(_clock.GetUtcNow(), reading.At);
    }
}
