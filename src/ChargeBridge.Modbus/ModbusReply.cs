namespace ChargeBridge.Modbus;

/// <summary>What a server sends back for one request. Besides the normal answers, simulators can answer
/// not at all or with a cut-off frame to imitate faulty devices.</summary>
public abstract record ModbusReply
{
    private ModbusReply() { }

    public static readonly ModbusReply Done = new Written();
    public static readonly ModbusReply None = new NoAnswer();

    public static ModbusReply Of(IReadOnlyList<ushort> registers) => new Registers(registers);
    public static ModbusReply Of(IReadOnlyList<bool> coils) => new Coils(coils);
    public static ModbusReply Failure(ModbusExceptionCode code) => new Error(code);

    /// <summary>Registers read (FC 3, 4).</summary>
    public sealed record Registers(IReadOnlyList<ushort> Values) : ModbusReply;

    /// <summary>Coils read (FC 1).</summary>
    public sealed record Coils(IReadOnlyList<bool> Values) : ModbusReply;

    /// <summary>A write succeeded; the server echoes the request.</summary>
    public sealed record Written : ModbusReply;

    /// <summary>An exception response.</summary>
    public sealed record Error(ModbusExceptionCode Code) : ModbusReply;

    /// <summary>Say nothing and keep the connection open, like a hung device.</summary>
    public sealed record NoAnswer : ModbusReply;

    /// <summary>Send only the first <paramref name="PduBytes"/> bytes of <paramref name="Reply"/>'s PDU in a well-formed frame.</summary>
    public sealed record Truncated(ModbusReply Reply, int PduBytes) : ModbusReply;
}
