namespace ChargeBridge.Modbus;

/// <summary>The function codes this library speaks.</summary>
public static class ModbusFunctionCode
{
    public const byte ReadCoils = 1;
    public const byte ReadHoldingRegisters = 3;
    public const byte ReadInputRegisters = 4;
    public const byte WriteSingleCoil = 5;
    public const byte WriteSingleRegister = 6;
    public const byte WriteMultipleRegisters = 16;

    /// <summary>Set on the function code of an exception response.</summary>
    public const byte ErrorFlag = 0x80;

    /// <summary>Protocol maxima that keep every request and response inside one 253-byte PDU.</summary>
    public const int MaxReadCoils = 2000, MaxReadRegisters = 125, MaxWriteRegisters = 123;
}
