namespace ChargeBridge.Modbus;

/// <summary>Any failure of a Modbus exchange. The subclasses say whether the device answered.</summary>
public abstract class ModbusException : Exception
{
    protected ModbusException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The device answered with a Modbus exception response; the connection stays usable.</summary>
public sealed class ModbusServerException(byte functionCode, ModbusExceptionCode code)
    : ModbusException($"device refused function {functionCode}: {code} (exception code {(byte)code})")
{
    public byte FunctionCode { get; } = functionCode;
    public ModbusExceptionCode Code { get; } = code;
}

/// <summary>The bytes received were not a valid answer to the request (truncated, garbage, wrong transaction or unit id).
/// The client drops the connection and reconnects.</summary>
public sealed class ModbusProtocolException(string message) : ModbusException(message);

/// <summary>No complete answer arrived within the request timeout. The client drops the connection and reconnects.</summary>
public sealed class ModbusTimeoutException(string message) : ModbusException(message);

/// <summary>The TCP connection could not be opened, broke, or is waiting out its reconnect backoff.</summary>
public sealed class ModbusConnectionException(string message, Exception? inner = null) : ModbusException(message, inner);
