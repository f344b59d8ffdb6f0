using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.SunSpec.SunSpecRegisters;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>One model in a device's SunSpec chain: its ID, where its points start (after ID and length) and its length.</summary>
internal sealed record SunSpecModel(ushort Id, ushort Address, ushort Length);

/// <summary>A device's SunSpec map: the base address that holds the "SunS" marker and the chain of models after it.</summary>
internal sealed record SunSpecMap(ushort BaseAddress, IReadOnlyList<SunSpecModel> Models)
{
    /// <summary>Finds the marker at 40000, 0 or 50000 and walks the chain to its end marker.</summary>
    public static async Task<SunSpecMap> DiscoverAsync(ModbusTcpClient modbus, CancellationToken ct)
    {
        foreach (var baseAddress in R.BaseAddresses)
        {
            ushort[] marker;
            try
            {
                marker = await modbus.ReadHoldingRegistersAsync(baseAddress, 2, ct);
            }
            catch (ModbusServerException e) when (e.Code == ModbusExceptionCode.IllegalDataAddress)
            {
                continue;
            }
            if ((uint)(marker[0] << 16 | marker[1]) == R.Marker)
                return new SunSpecMap(baseAddress, await WalkAsync(modbus, (ushort)(baseAddress + 2), ct));
        }
        throw new SunSpecException($"no SunSpec marker 'SunS' at register {string.Join(", ", R.BaseAddresses)}");
    }

    private static async Task<List<SunSpecModel>> WalkAsync(ModbusTcpClient modbus, ushort address, CancellationToken ct)
    {
        var models = new List<SunSpecModel>();
        while (models.Count < R.MaxModels)
        {
            ushort[] header;
            try
            {
                header = await modbus.ReadHoldingRegistersAsync(address, 2, ct);
            }
            catch (ModbusServerException e) when (e.Code == ModbusExceptionCode.IllegalDataAddress && models.Count > 0)
            {
                return models; // some devices end the map without the end marker
            }
            if (header[0] == R.EndId) return models;
            var next = address + 2 + header[1];
            if (next > ushort.MaxValue) throw new SunSpecException($"model {header[0]} at register {address} runs past the register space");
            models.Add(new SunSpecModel(header[0], (ushort)(address + 2), header[1]));
            address = (ushort)next;
        }
        throw new SunSpecException($"the SunSpec chain has more than {R.MaxModels} models without an end marker");
    }

    /// <summary>The model to read for <paramref name="choice"/>: the first meter or inverter model, long enough to hold
    /// the points read.</summary>
    public SunSpecModel Choose(SunSpecModelChoice choice)
    {
        var meter = Models.FirstOrDefault(m => R.Meter.Is(m.Id) && m.Length >= R.Meter.Count);
        var inverter = Models.FirstOrDefault(m => R.Inverter.Is(m.Id) && m.Length >= R.Inverter.Count);
        var chosen = choice switch
        {
            SunSpecModelChoice.Meter => meter,
            SunSpecModelChoice.Inverter => inverter,
            _ => meter ?? inverter,
        };
        if (chosen is not null) return chosen;
        var wanted = choice switch
        {
            SunSpecModelChoice.Meter => "meter model 201-204",
            SunSpecModelChoice.Inverter => "inverter model 101-103",
            _ => "meter model 201-204 or inverter model 101-103",
        };
        throw new SunSpecException($"no {wanted} in the SunSpec map at {BaseAddress} (models found: {string.Join(", ", Models.Select(m => m.Id))})");
    }

    /// <summary>The common model that describes <paramref name="model"/>: the nearest one before it (a SolarEdge
    /// inverter, for one, lists a common model for itself and another for each meter behind it).</summary>
    public SunSpecModel? CommonOf(SunSpecModel model) =>
        Models.LastOrDefault(m => m.Id == R.Common.Id && m.Address < model.Address && m.Length >= R.Common.Count);
}
