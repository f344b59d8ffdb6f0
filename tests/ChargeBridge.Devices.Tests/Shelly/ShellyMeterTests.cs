using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.Shelly;

namespace ChargeBridge.Devices.Tests.Shelly;

/// <summary>Each Shelly type reading its twin over loopback HTTP.</summary>
public sealed class ShellyMeterTests : ShellyTwinFixture
{
    [Fact]
    public async Task Gen1_reads_the_chosen_channel_or_the_sum_of_both()
    {
        var twin = await Twin(ShellyModel.Gen1Em);
        twin.SetPower(0, 1500.5);
        twin.SetEnergy(0, 1000, 2000);
        twin.SetPower(1, -300.25);
        twin.SetEnergy(1, 10, 20);

        var first = await Meter(twin).RefreshAsync();
        Assert.Null(first.Problem);
        Assert.Equal(1500.5, first.Power!.Value.Watts);
        Assert.Equal(1.0, first.Imported!.Value.KilowattHours, 9);
        Assert.Equal(2.0, first.Exported!.Value.KilowattHours, 9);
        Assert.Equal(230.0, first.Voltage);
        Assert.Equal(Time.GetUtcNow(), first.At);

        Assert.Equal(-300.25, (await Meter(twin, ("Channel", "1")).RefreshAsync()).Power!.Value.Watts);

        var all = await Meter(twin, ("Channel", "ALL")).RefreshAsync();
        Assert.Equal(1200.25, all.Power!.Value.Watts, 9);
        Assert.Equal(1010, all.Imported!.Value.WattHours, 6);
        Assert.Equal(2020, all.Exported!.Value.WattHours, 6);
        Assert.Equal([1500.5, -300.25], all.Phases.Select(p => p.Power.Watts));
    }

    [Fact]
    public async Task Gen1_channel_the_em_lacks_fails_with_the_count_it_has()
    {
        var twin = await Twin(ShellyModel.Gen1Em);
        var reading = await Meter(twin, ("Channel", "2")).RefreshAsync();
        Assert.Null(reading.Power);
        Assert.Contains("has 2", reading.Problem);
    }

    [Fact]
    public async Task Pro3em_reads_total_phases_frequency_and_counters()
    {
        var twin = await Twin(ShellyModel.Pro3Em);
        twin.SetPower(0, 1000);
        twin.SetPower(1, -200);
        twin.SetPower(2, 300);
        twin.SetVoltage(2, 231.5);
        twin.SetEnergy(0, 100, 1);
        twin.SetEnergy(1, 200, 2);
        twin.SetEnergy(2, 300, 3);

        var reading = await Meter(twin).RefreshAsync();
        Assert.Null(reading.Problem);
        Assert.Equal(1100, reading.Power!.Value.Watts, 9);
        Assert.Equal([1000.0, -200.0, 300.0], reading.Phases.Select(p => p.Power.Watts));
        Assert.Equal([230.0, 230.0, 231.5], reading.Phases.Select(p => p.Voltage));
        Assert.Equal(Math.Round(1000 / 230.0, 3), reading.Phases[0].Current);
        Assert.Equal(50.0, reading.Frequency);
        Assert.Equal(600, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(6, reading.Exported!.Value.WattHours, 6);
    }

    [Fact]
    public async Task Pro3em_total_power_is_spread_over_the_phases()
    {
        var twin = await Twin(ShellyModel.Pro3Em);
        twin.SetPower(-4500);
        var reading = await Meter(twin).RefreshAsync();
        Assert.Equal(-4500, reading.Power!.Value.Watts, 9);
        Assert.All(reading.Phases, p => Assert.Equal(-1500, p.Power.Watts, 9));
    }

    [Theory]
    [InlineData(0, 2200.0)]
    [InlineData(1, -750.0)]
    public async Task Pro_em_reads_the_chosen_channel(int channel, double watts)
    {
        var twin = await Twin(ShellyModel.ProEm);
        twin.SetPower(0, 2200);
        twin.SetPower(1, -750);
        twin.SetEnergy(channel, 5000 + channel, 70 + channel);
        var reading = await Meter(twin, ("Channel", channel.ToString())).RefreshAsync();
        Assert.Equal(watts, reading.Power!.Value.Watts);
        Assert.Equal(5000 + channel, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(70 + channel, reading.Exported!.Value.WattHours, 6);
        Assert.Equal(50.0, reading.Frequency);
        Assert.Equal(Math.Round(Math.Abs(watts) / 230, 3), Assert.Single(reading.Phases).Current);
    }

    [Theory]
    [InlineData(ShellyModel.Gen1Em)]
    [InlineData(ShellyModel.Pro3Em)]
    [InlineData(ShellyModel.ProEm)]
    public async Task Export_reads_negative_and_invert_flips_power_and_swaps_the_counters(ShellyModel model)
    {
        var twin = await Twin(model);
        twin.SetPower(-900);
        twin.SetEnergy(0, 111, 222);

        var plain = await Meter(twin).RefreshAsync();
        Assert.Equal(-900, plain.Power!.Value.Watts, 9);
        Assert.Equal(111, plain.Imported!.Value.WattHours, 6);

        var inverted = await Meter(twin, ("Invert", "true")).RefreshAsync();
        Assert.Equal(900, inverted.Power!.Value.Watts, 9);
        Assert.All(inverted.Phases, p => Assert.True(p.Power.Watts >= 0));
        Assert.Equal(222, inverted.Imported!.Value.WattHours, 6);
        Assert.Equal(111, inverted.Exported!.Value.WattHours, 6);
    }

    [Theory]
    [InlineData(ShellyModel.Gen1Em, "SHEM", "1")]
    [InlineData(ShellyModel.Pro3Em, "SPEM-003CEBEU", "2")]
    [InlineData(ShellyModel.ProEm, "SPEM-002CEBEU50", "2")]
    public async Task Details_tell_model_firmware_and_mac_after_the_first_read(ShellyModel model, string deviceModel, string generation)
    {
        var twin = await Twin(model);
        var meter = (IDescribedDevice)Meter(twin);
        Assert.Empty(meter.Details);
        await ((ChargeBridge.Core.Meters.IMeter)meter).RefreshAsync();
        Assert.Equal(deviceModel, meter.Details["model"]);
        Assert.Equal(generation, meter.Details["generation"]);
        Assert.Equal("AABBCCDDEEFF", meter.Details["mac"]);
        Assert.NotNull(meter.Details["firmware"]);
    }

    [Fact]
    public async Task Each_refresh_reads_the_device_anew()
    {
        var twin = await Twin(ShellyModel.Pro3Em);
        var meter = Meter(twin);
        twin.SetPower(300);
        Assert.Equal(300, (await meter.RefreshAsync()).Power!.Value.Watts, 9);
        twin.SetPower(-3000);
        Time.Advance(TimeSpan.FromSeconds(2));
        var second = await meter.RefreshAsync();
        Assert.Equal(-3000, second.Power!.Value.Watts, 9);
        Assert.Equal(Time.GetUtcNow(), second.At);
        Assert.Same(second, meter.Reading);
    }
}
