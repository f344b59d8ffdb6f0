namespace ChargeBridge.Modbus;

/// <summary>The device behind a <see cref="ModbusTcpServer"/>. Called from several connections at once.</summary>
public interface IModbusRequestHandler
{
    ModbusReply Handle(ModbusRequest request);
}
