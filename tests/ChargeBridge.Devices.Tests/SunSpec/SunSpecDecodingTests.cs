using ChargeBridge.Devices.SunSpec;
using R = ChargeBridge.Devices.SunSpec.SunSpecRegisters;

namespace ChargeBridge.Devices.Tests.SunSpec;

/// <summary>SunSpec point decoding and block-to-reading rules, without sockets.</summary>
public sealed class SunSpecDecodingTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData((ushort)0, 1.0)]
    [InlineData((ushort)2, 100.0)]
    [InlineData((ushort)0xFFFF, 0.1)] // -1
    [InlineData((ushort)0xFFFE, 0.01)] // -2
    [InlineData((ushort)10, 1e10)]
    public void Scale_factors_are_signed_powers_of_ten(ushort raw, double factor) =>
        Assert.Equal(factor, SunSpecValue.Scaled(1, SunSpecValue.ScaleFactor(raw))!.Value, 9);

    [Theory]
    [InlineData((ushort)0x8000)] // not implemented
    [InlineData((ushort)11)]     // outside -10..10
    [InlineData((ushort)0xFFF5)] // -11
    public void A_missing_or_impossible_scale_factor_gives_no_value(ushort raw)
    {
        Assert.Null(SunSpecValue.ScaleFactor(raw));
        Assert.Null(SunSpecValue.Scaled(1234, SunSpecValue.ScaleFactor(raw)));
    }

    [Fact]
    public void Not_implemented_values_read_as_null_and_their_neighbours_as_numbers()
    {
        Assert.Null(SunSpecValue.Int16(0x8000));
        Assert.Equal((short)-32767, SunSpecValue.Int16(0x8001));
        Assert.Equal((short)-1, SunSpecValue.Int16(0xFFFF));
        Assert.Null(SunSpecValue.UInt16(0xFFFF));
        Assert.Equal((ushort)0xFFFE, SunSpecValue.UInt16(0xFFFE));
        Assert.Null(SunSpecValue.Acc32(0, 0)); // acc32 "not accumulated"
        Assert.Equal(0x0001_0002u, SunSpecValue.Acc32(1, 2));
        Assert.Equal(0x8000_0000u, SunSpecValue.Acc32(0x8000, 0));
        Assert.Null(SunSpecValue.Scaled(null, 0));
    }

    [Fact]
    public void Strings_are_two_ascii_characters_a_register_up_to_the_first_nul() =>
        Assert.Equal("SolarEdge", SunSpecValue.Text([0x536F, 0x6C61, 0x7245, 0x6467, 0x6500, 0x0000, 0x4142]));

    [Fact]
    public void An_inverter_block_reads_as_negative_consumption_with_its_scale_factors()
    {
        var block = new ushort[R.Inverter.Count];
        block[R.Inverter.W] = 4321;
        block[R.Inverter.WSf] = 0xFFFF; // -1 → 432.1 W
        block[R.Inverter.PhVphA] = 2305;
        block[R.Inverter.VSf] = 0xFFFF;
        block[R.Inverter.Hz] = 0xFFFF; // not implemented
        block[R.Inverter.HzSf] = 0xFFFE;
        block[R.Inverter.Wh] = 0x0001;
        block[R.Inverter.Wh + 1] = 0x0000; // 65536
        block[R.Inverter.WhSf] = 1;

        var reading = SunSpecReadings.Inverter(block, At, invert: false);
        Assert.Equal(-432.1, reading.Power!.Value.Watts, 6);
        Assert.Equal(230.5, reading.Voltage!.Value, 6);
        Assert.Null(reading.Frequency);
        Assert.Equal(655_360, reading.Exported!.Value.WattHours, 6);
        Assert.Null(reading.Imported);
        Assert.Equal(At, reading.At);
        Assert.Null(reading.Problem);

        var inverted = SunSpecReadings.Inverter(block, At, invert: true);
        Assert.Equal(432.1, inverted.Power!.Value.Watts, 6);
        Assert.Equal(655_360, inverted.Imported!.Value.WattHours, 6);
    }

    [Fact]
    public void A_meter_block_without_energy_scale_factor_has_power_but_no_counters_and_skips_phases_without_power()
    {
        var block = new ushort[R.Meter.Count];
        block[R.Meter.W] = unchecked((ushort)-150);
        block[R.Meter.WphA] = unchecked((ushort)-200);
        block[R.Meter.WphA + 1] = 0x8000; // phase B power not implemented
        block[R.Meter.WphA + 2] = 50;
        block[R.Meter.WSf] = 1;
        block[R.Meter.PhV] = 2300;
        block[R.Meter.PhVphA] = 0x8000; // falls back to the average
        block[R.Meter.VSf] = 0xFFFF;
        block[R.Meter.TotWhImp + 1] = 10;
        block[R.Meter.TotWhSf] = 0x8000;

        var reading = SunSpecReadings.Meter(R.Meter.Wye, block, At, invert: false);
        Assert.Equal(-1500, reading.Power!.Value.Watts);
        Assert.Equal([-2000, 500], reading.Phases.Select(p => p.Power.Watts));
        Assert.Equal(230, reading.Voltage!.Value, 6);
        Assert.Null(reading.Imported);
        Assert.Null(reading.Exported);
    }

    [Fact]
    public void A_power_point_that_is_not_implemented_is_a_problem_not_a_zero()
    {
        var block = new ushort[R.Meter.Count];
        block[R.Meter.W] = 0x8000;
        Assert.Throws<SunSpecException>(() => SunSpecReadings.Meter(R.Meter.Wye, block, At, invert: false));
    }
}
