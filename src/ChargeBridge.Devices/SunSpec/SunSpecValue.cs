using System.Text;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>
/// Decodes SunSpec point types. Each type has a value that means "not implemented" (SunSpec Information Model
/// Specification): int16 0x8000, uint16 0xFFFF, acc32 0 ("not accumulated"), sunssf 0x8000; those read as null.
/// </summary>
internal static class SunSpecValue
{
    public static short? Int16(ushort raw) => raw == 0x8000 ? null : (short)raw;

    public static ushort? UInt16(ushort raw) => raw == 0xFFFF ? null : raw;

    /// <summary>An accumulator in two registers, high word first.</summary>
    public static uint? Acc32(ushort high, ushort low) => (uint)(high << 16 | low) is var value && value != 0 ? value : null;

    /// <summary>A power-of-ten exponent; the spec allows -10..10, anything else is no scale factor.</summary>
    public static int? ScaleFactor(ushort raw) => (short)raw is >= -10 and <= 10 and var sf ? sf : null;

    /// <summary>The value times ten to the scale factor, or null when either is not implemented.</summary>
    public static double? Scaled(double? value, int? scaleFactor) =>
        value is { } v && scaleFactor is { } sf ? v * Math.Pow(10, sf) : null;

    /// <summary>Two ASCII characters per register, high byte first, up to the first NUL.</summary>
    public static string Text(ReadOnlySpan<ushort> registers)
    {
        var bytes = new byte[registers.Length * 2];
        for (var i = 0; i < registers.Length; i++)
        {
            bytes[2 * i] = (byte)(registers[i] >> 8);
            bytes[2 * i + 1] = (byte)registers[i];
        }
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }
}
