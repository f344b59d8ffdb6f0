"""pymodbus TCP server with the socket registers of an Alfen Eve in Modbus TCP slave mode, a third-party peer for the
alfen charger tests.

Usage: alfen_server.py '<json>'. Binds 127.0.0.1 on a free port and prints the port on its first line of stdout.
Serves unit id 1 (the socket) with holding registers 300..1215, big-endian: float32 in two registers, float64 in
four, the mode 3 state as ASCII in 1201..1205. Writes are stored where they land; a maximum current written to
1210..1211 is echoed as the station shows it: into 1206 (applied), 1208 (valid time = validity) and 1214 (used).

JSON keys (all optional): state ("C2"), available (1), voltages [l1, l2, l3], currents [l1, l2, l3], power_w,
energy_wh, applied_a, safe_a, validity_s (60), phases (3).
"""
import asyncio
import json
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer

BASE, SIZE = 300, 916


def words(fmt, value):
    data = struct.pack(fmt, value)
    return [data[i] << 8 | data[i + 1] for i in range(0, len(data), 2)]


def text(value, count):
    data = value.encode("ascii")[: count * 2 - 1].ljust(count * 2, b"\0")
    return [data[i] << 8 | data[i + 1] for i in range(0, len(data), 2)]


class Socket(ModbusSequentialDataBlock):
    def __init__(self, validity):
        super().__init__(BASE, [0xFFFF] * SIZE)
        self.validity = validity

    def setValues(self, address, values):
        super().setValues(address, values)
        if address == 1210 and len(values) == 2:
            super().setValues(1206, values)
            super().setValues(1208, words(">I", self.validity))
            super().setValues(1214, [1])


def build(spec):
    socket = Socket(spec.get("validity_s", 60))
    put = ModbusSequentialDataBlock.setValues
    for i, v in enumerate(spec.get("voltages", [230.0, 230.0, 230.0])):
        put(socket, 306 + 2 * i, words(">f", v))
    for i, a in enumerate(spec.get("currents", [0.0, 0.0, 0.0])):
        put(socket, 320 + 2 * i, words(">f", a))
    put(socket, 344, words(">f", spec.get("power_w", 0.0)))
    put(socket, 374, words(">d", spec.get("energy_wh", 0.0)))
    put(socket, 1200, [spec.get("available", 1)])
    put(socket, 1201, text(spec.get("state", "C2"), 5))
    put(socket, 1206, words(">f", spec.get("applied_a", 6.0)))
    put(socket, 1208, words(">I", 0))
    put(socket, 1210, words(">f", 0.0))
    put(socket, 1212, words(">f", spec.get("safe_a", 6.0)))
    put(socket, 1214, [0])
    put(socket, 1215, [spec.get("phases", 3)])
    return socket


async def main():
    spec = json.loads(sys.argv[1])
    store = ModbusSlaveContext(hr=build(spec), zero_mode=True)
    server = ModbusTcpServer(ModbusServerContext(slaves={1: store}, single=False), address=("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(server.server.sockets[0].getsockname()[1], flush=True)
    await serving


asyncio.run(main())
