using System.Text;

namespace ChargeBridge.Modbus;

/// <summary>Values that span several 16-bit registers, big-endian (the high word first), as most devices lay them out.</summary>
public static class RegisterWords
{
    public static uint UInt32(IReadOnlyList<ushort> words, int at = 0) => (uint)words[at] << 16 | words[at + 1];

    public static ushort[] FromUInt32(uint value) => [(ushort)(value >> 16), (ushort)value];

    public static float Float32(IReadOnlyList<ushort> words, int at = 0) => BitConverter.UInt32BitsToSingle(UInt32(words, at));

    public static ushort[] FromFloat32(float value) => FromUInt32(BitConverter.SingleToUInt32Bits(value));

    public static double Float64(IReadOnlyList<ushort> words, int at = 0) =>
        BitConverter.UInt64BitsToDouble((ulong)UInt32(words, at) << 32 | UInt32(words, at + 2));

    public static ushort[] FromFloat64(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        return [.. FromUInt32((uint)(bits >> 32)), .. FromUInt32((uint)bits)];
    }

    /// <summary>ASCII, two characters a register (the first in the high byte), up to the first zero.</summary>
    public static string Text(IReadOnlyList<ushort> words, int at, int count)
    {
        var bytes = new byte[count * 2];
        for (var i = 0; i < count; i++) (bytes[2 * i], bytes[2 * i + 1]) = ((byte)(words[at + i] >> 8), (byte)words[at + i]);
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }

    /// <summary><paramref name="text"/> in <paramref name="count"/> registers, zero-padded (cut to fit, keeping a final zero).</summary>
    public static ushort[] FromText(string text, int count)
    {
        var bytes = new byte[count * 2];
        Encoding.ASCII.GetBytes(text, 0, Math.Min(text.Length, bytes.Length - 1), bytes, 0);
        return Enumerable.Range(0, count).Select(i => (ushort)(bytes[2 * i] << 8 | bytes[2 * i + 1])).ToArray();
    }
}
