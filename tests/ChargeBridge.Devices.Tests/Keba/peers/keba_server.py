"""pymodbus TCP server with a KEBA KeContact P30 register map, a third-party peer for the keba charger tests.

Usage: keba_server.py '<json>'. Binds 127.0.0.1 on a free port and prints the port on its first line of stdout.
Serves unit id 255 as the station does: UINT32 values (high word first) from 1000 on, written UINT16 registers from
5000 on. Writes are stored where they land (a client reads them back at 5004 ...) and echoed into the readable
registers as the station shows them: 5004 -> 1100 (the current in effect), 5014 -> 1000 (1 not ready when disabled,
3 charging when enabled), 5016/5018 -> 1600/1602, 5050/5052 -> 1550/1552.

JSON keys (all optional): state, cable, error, currents_ma [l1, l2, l3], power_mw, energy_01wh, voltages [l1, l2, l3],
max_current_ma, max_supported_ma, serial, product, firmware.
"""
import asyncio
import json
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer

BASE, SIZE = 1000, 4100
ECHO = {5004: 1100, 5016: 1600, 5018: 1602, 5050: 1550, 5052: 1552}


def u32(value):
    return [(value >> 16) & 0xFFFF, value & 0xFFFF]


class Station(ModbusSequentialDataBlock):
    def put(self, address, value):
        super().setValues(address, u32(value))

    def setValues(self, address, values):
        super().setValues(address, values)
        for offset, value in enumerate(values):
            register = address + offset
            if register in ECHO:
                self.put(ECHO[register], value)
            if register == 5014:
                self.put(1000, 3 if value == 1 else 1)


def build(spec):
    station = Station(BASE, [0] * SIZE)
    values = {
        1000: spec.get("state", 2), 1004: spec.get("cable", 7), 1006: spec.get("error", 0),
        1014: spec.get("serial", 0), 1016: spec.get("product", 0), 1018: spec.get("firmware", 0),
        1020: spec.get("power_mw", 0), 1036: spec.get("energy_01wh", 0),
        1100: spec.get("max_current_ma", 16000), 1110: spec.get("max_supported_ma", 32000),
    }
    for i, current in enumerate(spec.get("currents_ma", [0, 0, 0])):
        values[1008 + 2 * i] = current
    for i, voltage in enumerate(spec.get("voltages", [230, 230, 230])):
        values[1040 + 2 * i] = voltage
    for register, value in values.items():
        station.put(register, value)
    return station


async def main():
    spec = json.loads(sys.argv[1])
    store = ModbusSlaveContext(hr=build(spec), ir=build(spec), zero_mode=True)
    server = ModbusTcpServer(ModbusServerContext(slaves={255: store}, single=False), address=("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(server.server.sockets[0].getsockname()[1], flush=True)
    await serving


asyncio.run(main())
