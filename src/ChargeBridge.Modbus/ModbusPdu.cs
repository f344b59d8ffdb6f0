using System.Buffers.Binary;

namespace ChargeBridge.Modbus;

/// <summary>Encodes and decodes the protocol data units of the supported function codes, for client and server alike.</summary>
internal static class ModbusPdu
{
    public static byte[] AddressAndWord(byte function, ushort address, ushort word)
    {
        var pdu = new byte[5];
        pdu[0] = function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), word);
        return pdu;
    }

    public static byte[] WriteMultipleRegisters(ushort address, IReadOnlyList<ushort> values)
    {
        var pdu = new byte[6 + 2 * values.Count];
        pdu[0] = ModbusFunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)values.Count);
        pdu[5] = (byte)(2 * values.Count);
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(6 + 2 * i), values[i]);
        return pdu;
    }

    public static byte[] Registers(byte function, IReadOnlyList<ushort> values)
    {
        var pdu = new byte[2 + 2 * values.Count];
        pdu[0] = function;
        pdu[1] = (byte)(2 * values.Count);
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2 + 2 * i), values[i]);
        return pdu;
    }

    public static byte[] Bits(byte function, IReadOnlyList<bool> values)
    {
        var pdu = new byte[2 + (values.Count + 7) / 8];
        pdu[0] = function;
        pdu[1] = (byte)(pdu.Length - 2);
        for (var i = 0; i < values.Count; i++)
            if (values[i]) pdu[2 + i / 8] |= (byte)(1 << (i % 8));
        return pdu;
    }

    public static byte[] Error(byte function, ModbusExceptionCode code) => [(byte)(function | ModbusFunctionCode.ErrorFlag), (byte)code];

    public static ushort Word(byte[] pdu, int offset) => BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(offset));

    public static ushort[] ParseRegisters(byte[] pdu, int count)
    {
        ExpectByteCount(pdu, 2 * count, $"{count} registers");
        var values = new ushort[count];
        for (var i = 0; i < count; i++) values[i] = Word(pdu, 2 + 2 * i);
        return values;
    }

    public static bool[] ParseBits(byte[] pdu, int count)
    {
        ExpectByteCount(pdu, (count + 7) / 8, $"{count} coils");
        var values = new bool[count];
        for (var i = 0; i < count; i++) values[i] = (pdu[2 + i / 8] & (1 << (i % 8))) != 0;
        return values;
    }

    /// <summary>Write responses echo the request's address and value (FC 5, 6) or address and count (FC 16).</summary>
    public static void ExpectEcho(byte[] request, byte[] response)
    {
        if (response.Length != 5)
            throw new ModbusProtocolException($"write response has {response.Length} PDU bytes, expected 5 (truncated or malformed)");
        if (!response.AsSpan(0, 5).SequenceEqual(request.AsSpan(0, 5)))
            throw new ModbusProtocolException("write response does not echo the request's address and value");
    }

    private static void ExpectByteCount(byte[] pdu, int expected, string what)
    {
        if (pdu.Length < 2) throw new ModbusProtocolException($"response without byte count (truncated), expected {what}");
        if (pdu[1] != expected) throw new ModbusProtocolException($"response byte count {pdu[1]}, expected {expected} for {what}");
        if (pdu.Length != 2 + expected)
            throw new ModbusProtocolException($"response carries {pdu.Length - 2} data bytes, expected {expected} for {what} (truncated)");
    }
}
