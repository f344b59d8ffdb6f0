using ChargeBridge.Modbus;

namespace ChargeBridge.Modbus.Tests;

/// <summary>Multi-register values, high word first, against byte layouts written out by hand.</summary>
public sealed class RegisterWordsTests
{
    [Fact]
    public void Uint32_is_high_word_first()
    {
        Assert.Equal(0x0001_E240u, RegisterWords.UInt32([0x0001, 0xE240]));
        Assert.Equal([0x030A, 0x0D00], RegisterWords.FromUInt32(0x030A_0D00));
    }

    [Fact]
    public void Float32_and_float64_are_ieee_big_endian()
    {
        Assert.Equal([0x4120, 0x0000], RegisterWords.FromFloat32(10f)); // 10.0f = 0x41200000
        Assert.Equal(16f, RegisterWords.Float32([0x4180, 0x0000]));
        Assert.Equal([0x4059, 0x0000, 0x0000, 0x0000], RegisterWords.FromFloat64(100.0)); // 100.0 = 0x4059000000000000
        Assert.Equal(12_345.5, RegisterWords.Float64(RegisterWords.FromFloat64(12_345.5)));
        Assert.True(float.IsNaN(RegisterWords.Float32([0xFFFF, 0xFFFF])));
    }

    [Fact]
    public void Text_is_two_characters_a_register_up_to_the_first_zero()
    {
        Assert.Equal([0x4332, 0x0000, 0x0000], RegisterWords.FromText("C2", 3));
        Assert.Equal("C2", RegisterWords.Text([0x0000, 0x4332, 0x0000], 1, 2));
        Assert.Equal("ABCDE", RegisterWords.Text(RegisterWords.FromText("ABCDEFGH", 3), 0, 3)); // cut, a final zero kept
    }

    [Fact]
    public void A_value_is_read_at_its_offset()
    {
        ushort[] block = [0xFFFF, 0x0000, 0x0007, 0xFFFF];
        Assert.Equal(7u, RegisterWords.UInt32(block, 1));
    }
}
