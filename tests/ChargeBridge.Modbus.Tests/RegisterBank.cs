using ChargeBridge.Modbus;

namespace ChargeBridge.Modbus.Tests;

/// <summary>A plain device for tests: 1000 coils and 1000 registers (holding and input share storage); addresses past
/// the end are illegal, values above <see cref="MaxValue"/> are refused, and every request is recorded.</summary>
internal sealed class RegisterBank : IModbusRequestHandler
{
    public const int Size = 1000;
    public const ushort MaxValue = 60000;
    private readonly object _lock = new();
    public ushort[] Registers { get; } = new ushort[Size];
    public bool[] Coils { get; } = new bool[Size];
    public List<ModbusRequest> Requests { get; } = [];
    public Func<ModbusRequest, ModbusReply?>? Override { get; set; }

    public ModbusReply Handle(ModbusRequest request)
    {
        lock (_lock)
        {
            Requests.Add(request);
            if (Override?.Invoke(request) is { } overridden) return overridden;
            if (request.Address + request.Count > Size) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataAddress);
            switch (request.FunctionCode)
            {
                case ModbusFunctionCode.ReadCoils:
                    return ModbusReply.Of(Coils.AsSpan(request.Address, request.Count).ToArray());
                case ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters:
                    return ModbusReply.Of(Registers.AsSpan(request.Address, request.Count).ToArray());
                case ModbusFunctionCode.WriteSingleCoil:
                    Coils[request.Address] = request.Values[0] == 1;
                    return ModbusReply.Done;
                default:
                    if (request.Values.Any(v => v > MaxValue)) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataValue);
                    for (var i = 0; i < request.Count; i++) Registers[request.Address + i] = request.Values[i];
                    return ModbusReply.Done;
            }
        }
    }
}
