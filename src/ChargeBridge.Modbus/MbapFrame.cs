using System.Buffers.Binary;

namespace ChargeBridge.Modbus;

/// <summary>One Modbus TCP application data unit: the MBAP header (transaction id, protocol 0, length, unit id) and a PDU.</summary>
internal readonly record struct MbapFrame(ushort TransactionId, byte UnitId, byte[] Pdu)
{
    private const int HeaderLength = 7;
    internal const int MaxPduLength = 253;

    public byte[] Encode()
    {
        var bytes = new byte[HeaderLength + Pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)(Pdu.Length + 1));
        bytes[6] = UnitId;
        Pdu.CopyTo(bytes, HeaderLength);
        return bytes;
    }

    /// <summary>Reads one frame; null when the peer closed the connection cleanly between frames.</summary>
    /// <exception cref="ModbusProtocolException">the header is not Modbus TCP or the stream ends inside a frame.</exception>
    public static async Task<MbapFrame?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[HeaderLength];
        var got = await ReadFullyAsync(stream, header, ct);
        if (got == 0) return null;
        if (got < HeaderLength) throw new ModbusProtocolException($"connection closed after {got} of {HeaderLength} header bytes (truncated frame)");

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
        var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        if (protocol != 0) throw new ModbusProtocolException($"protocol id {protocol} is not Modbus (0): garbage on the connection");
        if (length < 2 || length > MaxPduLength + 1)
            throw new ModbusProtocolException($"MBAP length {length} is outside 2..{MaxPduLength + 1}: garbage on the connection");

        var pdu = new byte[length - 1];
        got = await ReadFullyAsync(stream, pdu, ct);
        if (got < pdu.Length) throw new ModbusProtocolException($"connection closed after {got} of {pdu.Length} PDU bytes (truncated frame)");
        return new MbapFrame(BinaryPrimitives.ReadUInt16BigEndian(header), header[6], pdu);
    }

    private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
