namespace ChargeBridge.Modbus;

/// <summary>A decoded request as a server's handler sees it. <see cref="Values"/> holds the written values
/// (registers, or 1/0 for a coil) and is empty for reads.</summary>
public sealed record ModbusRequest(byte UnitId, byte FunctionCode, ushort Address, ushort Count, IReadOnlyList<ushort> Values)
{
    public bool IsRead => FunctionCode is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadHoldingRegisters
        or ModbusFunctionCode.ReadInputRegisters;
}
