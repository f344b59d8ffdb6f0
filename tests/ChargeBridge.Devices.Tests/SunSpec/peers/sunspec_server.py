"""pymodbus TCP server with a SunSpec map, a third-party peer for the sunspec meter tests.

Usage: sunspec_server.py '<json>'  (or a path to a JSON file). Binds 127.0.0.1 on a free port and prints the port on its
first line of stdout. The map is laid out as a SolarEdge inverter with a meter behind it lays out its own:
"SunS" at the base, common model 1 (length 65), inverter model 103, a second common model for the meter, meter model
203, end marker. Values are physical (W, V, A, Hz, Wh) and are encoded here with the given scale factors.

JSON keys: base (40000), unit (1), common {manufacturer, model, version, serial}, meter_common {same},
inverter {w, v: [a, b, c], a: [a, b, c], hz, wh, w_sf, v_sf, a_sf, hz_sf, wh_sf} and/or
meter {w: [a, b, c], v: [...], a: [...], hz, wh_imp, wh_exp, w_sf, v_sf, a_sf, hz_sf, wh_sf}.
"""
import asyncio
import json
import os
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer


def raw(value, sf):
    return round(value / 10 ** sf)


def int16(value, sf):
    return raw(value, sf) & 0xFFFF


def acc32(value, sf):
    r = raw(value, sf)
    return [(r >> 16) & 0xFFFF, r & 0xFFFF]


def text(value, registers):
    data = value.encode("ascii")[: registers * 2].ljust(registers * 2, b"\0")
    return [data[i] << 8 | data[i + 1] for i in range(0, len(data), 2)]


def common(c, unit):
    return [1, 65] + text(c.get("manufacturer", ""), 16) + text(c.get("model", ""), 16) + text("", 8) \
        + text(c.get("version", ""), 8) + text(c.get("serial", ""), 16) + [unit]


def inverter(i):
    p = [0] * 50
    p[0] = int16(sum(i["a"]), i["a_sf"])
    p[1:4] = [int16(a, i["a_sf"]) for a in i["a"]]
    p[4] = i["a_sf"] & 0xFFFF
    p[8:11] = [int16(v, i["v_sf"]) for v in i["v"]]
    p[11] = i["v_sf"] & 0xFFFF
    p[12], p[13] = int16(i["w"], i["w_sf"]), i["w_sf"] & 0xFFFF
    p[14], p[15] = int16(i["hz"], i["hz_sf"]), i["hz_sf"] & 0xFFFF
    p[22:24], p[24] = acc32(i["wh"], i["wh_sf"]), i["wh_sf"] & 0xFFFF
    return [103, 50] + p


def meter(m):
    p = [0] * 105
    p[0] = int16(sum(m["a"]), m["a_sf"])
    p[1:4] = [int16(a, m["a_sf"]) for a in m["a"]]
    p[4] = m["a_sf"] & 0xFFFF
    p[5] = int16(sum(m["v"]) / 3, m["v_sf"])
    p[6:9] = [int16(v, m["v_sf"]) for v in m["v"]]
    p[13] = m["v_sf"] & 0xFFFF
    p[14], p[15] = int16(m["hz"], m["hz_sf"]), m["hz_sf"] & 0xFFFF
    p[16] = int16(sum(m["w"]), m["w_sf"])
    p[17:20] = [int16(w, m["w_sf"]) for w in m["w"]]
    p[20] = m["w_sf"] & 0xFFFF
    p[36:38] = acc32(m["wh_exp"], m["wh_sf"])
    p[44:46] = acc32(m["wh_imp"], m["wh_sf"])
    p[52] = m["wh_sf"] & 0xFFFF
    return [203, 105] + p


def build(spec):
    unit = spec.get("unit", 1)
    registers = [0x5375, 0x6E53] + common(spec.get("common", {}), unit)
    if "inverter" in spec:
        registers += inverter(spec["inverter"])
    if "meter" in spec:
        registers += common(spec.get("meter_common", {}), unit) + meter(spec["meter"])
    return registers + [0xFFFF, 0]


async def main():
    arg = sys.argv[1]
    spec = json.load(open(arg)) if os.path.isfile(arg) else json.loads(arg)
    store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(spec.get("base", 40000), build(spec)), zero_mode=True)
    context = ModbusServerContext(slaves={spec.get("unit", 1): store}, single=False)
    server = ModbusTcpServer(context, address=("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(server.server.sockets[0].getsockname()[1], flush=True)
    await serving


asyncio.run(main())
