"""pymodbus TCP server used as a third-party peer by the Modbus client tests.

Binds 127.0.0.1 on a free port and prints that port on its first line of stdout.
Data: 100 coils (all off), holding registers 0..99 holding their own address, input registers 0..99 holding
1000 + address. Register 10 refuses values above 1000 with "illegal data value", as devices with a range do.
"""
import asyncio

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.pdu import ModbusExceptions
from pymodbus.register_write_message import WriteSingleRegisterRequest
from pymodbus.server.async_io import ModbusTcpServer

LIMITED_REGISTER, LIMIT = 10, 1000
_write_single = WriteSingleRegisterRequest.execute


def _write_single_with_range(request, context):
    if request.address == LIMITED_REGISTER and request.value > LIMIT:
        return request.doException(ModbusExceptions.IllegalValue)
    return _write_single(request, context)


WriteSingleRegisterRequest.execute = _write_single_with_range


async def main():
    store = ModbusSlaveContext(
        co=ModbusSequentialDataBlock(0, [False] * 100),
        di=ModbusSequentialDataBlock(0, [False] * 100),
        hr=ModbusSequentialDataBlock(0, list(range(100))),
        ir=ModbusSequentialDataBlock(0, [1000 + i for i in range(100)]),
        zero_mode=True,
    )
    server = ModbusTcpServer(ModbusServerContext(slaves=store, single=True), address=("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(server.server.sockets[0].getsockname()[1], flush=True)
    await serving


asyncio.run(main())
