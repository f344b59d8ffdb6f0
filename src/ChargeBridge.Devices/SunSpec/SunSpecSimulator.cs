using System.Net;
using System.Text;
using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.SunSpec.SunSpecRegisters;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>
/// A SunSpec device twin: a Modbus TCP server with a SunSpec map of common model 1 and a three-phase inverter (103),
/// a wye meter (203) or both, whose values and faults tests and the demo set. The map is built from the current values
/// on every request.
/// </summary>
public sealed class SunSpecSimulator : IModbusRequestHandler, IAsyncDisposable
{
    private const int CommonLength = 66;
    private readonly object _lock = new();
    private readonly SunSpecSimulatorOptions _options;
    private ModbusTcpServer? _server;
    private SunSpecInverterValues _inverter = SunSpecInverterValues.Idle;
    private SunSpecMeterValues _meter = SunSpecMeterValues.Idle;
    private SunSpecFault _fault;
    private int _requests;
    private int _unanswered;

    public SunSpecSimulator(SunSpecSimulatorOptions? options = null) => _options = options ?? new SunSpecSimulatorOptions();

    /// <summary>Starts a simulator serving Modbus TCP on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static SunSpecSimulator Start(SunSpecSimulatorOptions? options = null, int port = 0)
    {
        var simulator = new SunSpecSimulator(options);
        simulator._server = ModbusTcpServer.Start(simulator, new IPEndPoint(IPAddress.Loopback, port));
        return simulator;
    }

    public IPEndPoint Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("the simulator is not serving; use Start");

    /// <summary>Requests received, and those left unanswered because of <see cref="SunSpecFault.Hang"/>.</summary>
    public int Requests => Volatile.Read(ref _requests);
    public int UnansweredRequests => Volatile.Read(ref _unanswered);

    public void SetInverter(SunSpecInverterValues values)
    {
        lock (_lock) _inverter = values;
    }

    public void SetMeter(SunSpecMeterValues values)
    {
        lock (_lock) _meter = values;
    }

    public void InjectFault(SunSpecFault fault)
    {
        lock (_lock) _fault = fault;
    }

    public ModbusReply Handle(ModbusRequest request)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            if (_fault == SunSpecFault.Hang)
            {
                Interlocked.Increment(ref _unanswered);
                return ModbusReply.None;
            }
            if (request.UnitId != _options.UnitId) return ModbusReply.Failure(ModbusExceptionCode.GatewayTargetFailedToRespond);
            if (_fault == SunSpecFault.ExceptionResponses) return ModbusReply.Failure(ModbusExceptionCode.ServerDeviceFailure);
            if (request.FunctionCode != ModbusFunctionCode.ReadHoldingRegisters) return ModbusReply.Failure(ModbusExceptionCode.IllegalFunction);

            var map = Map();
            var start = request.Address - _options.BaseAddress;
            if (start < 0 || start + request.Count > map.Count) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataAddress);
            return ModbusReply.Of(map.GetRange(start, request.Count));
        }
    }

    /// <summary>The whole map from the base address on.</summary>
    private List<ushort> Map()
    {
        var map = new List<ushort>();
        if (_fault == SunSpecFault.NoMarker) map.AddRange([0, 0]);
        else map.AddRange([(ushort)(R.Marker >> 16), (ushort)(R.Marker & 0xFFFF)]);
        map.AddRange([R.Common.Id, CommonLength]);
        map.AddRange(Common());
        foreach (var (id, length) in _options.OtherModels)
        {
            map.AddRange([id, length]);
            map.AddRange(new ushort[length]);
        }
        if (_options.Inverter)
        {
            map.AddRange([R.Inverter.ThreePhase, R.Inverter.Length]);
            map.AddRange(InverterModel());
        }
        if (_options.Meter)
        {
            map.AddRange([R.Meter.Wye, R.Meter.Length]);
            map.AddRange(MeterModel());
        }
        map.AddRange([R.EndId, 0]);
        return map;
    }

    private ushort[] Common()
    {
        var points = new ushort[CommonLength];
        Text(points, R.Common.Manufacturer, R.Common.LongText, _options.Manufacturer);
        Text(points, R.Common.ModelName, R.Common.LongText, _options.ModelName);
        Text(points, R.Common.Version, R.Common.ShortText, _options.Version);
        Text(points, R.Common.Serial, R.Common.LongText, _options.Serial);
        points[64] = _options.UnitId; // DA; 65 is padding
        return points;
    }

    private ushort[] InverterModel()
    {
        var o = _options;
        var v = _inverter;
        var points = new ushort[R.Inverter.Length];
        points[R.Inverter.A] = UInt16(v.PhaseAmps.Sum(), o.CurrentSf);
        for (var p = 0; p < 3; p++)
        {
            points[R.Inverter.AphA + p] = UInt16(v.PhaseAmps[p], o.CurrentSf);
            points[R.Inverter.PhVphA + p] = UInt16(v.PhaseVolts[p], o.VoltageSf);
        }
        points[R.Inverter.ASf] = (ushort)o.CurrentSf;
        points[R.Inverter.VSf] = (ushort)o.VoltageSf;
        points[R.Inverter.W] = Int16(v.Power.Watts, o.PowerSf);
        points[R.Inverter.WSf] = (ushort)o.PowerSf;
        points[R.Inverter.Hz] = UInt16(v.Hertz, o.FrequencySf);
        points[R.Inverter.HzSf] = (ushort)o.FrequencySf;
        Acc32(points, R.Inverter.Wh, v.Produced.WattHours, o.EnergySf);
        points[R.Inverter.WhSf] = (ushort)o.EnergySf;
        return points;
    }

    private ushort[] MeterModel()
    {
        var o = _options;
        var v = _meter;
        var points = new ushort[R.Meter.Length];
        points[R.Meter.A] = Int16(v.PhaseAmps.Sum(), o.CurrentSf);
        points[R.Meter.PhV] = Int16(v.PhaseVolts.Average(), o.VoltageSf);
        points[R.Meter.W] = Int16(v.PhasePower.Sum(p => p.Watts), o.PowerSf);
        for (var p = 0; p < 3; p++)
        {
            points[R.Meter.AphA + p] = Int16(v.PhaseAmps[p], o.CurrentSf);
            points[R.Meter.PhVphA + p] = Int16(v.PhaseVolts[p], o.VoltageSf);
            points[R.Meter.WphA + p] = Int16(v.PhasePower[p].Watts, o.PowerSf);
        }
        points[R.Meter.ASf] = (ushort)o.CurrentSf;
        points[R.Meter.VSf] = (ushort)o.VoltageSf;
        points[R.Meter.WSf] = (ushort)o.PowerSf;
        points[R.Meter.Hz] = Int16(v.Hertz, o.FrequencySf);
        points[R.Meter.HzSf] = (ushort)o.FrequencySf;
        Acc32(points, R.Meter.TotWhExp, v.Exported.WattHours, o.EnergySf);
        Acc32(points, R.Meter.TotWhImp, v.Imported.WattHours, o.EnergySf);
        points[R.Meter.TotWhSf] = (ushort)o.EnergySf;
        return points;
    }

    private static double Raw(double value, int sf) => Math.Round(value / Math.Pow(10, sf));

    private static ushort Int16(double value, int sf) => double.IsNaN(value) ? (ushort)0x8000 : (ushort)checked((short)Raw(value, sf));

    private static ushort UInt16(double value, int sf) => double.IsNaN(value) ? (ushort)0xFFFF : checked((ushort)Raw(value, sf));

    private static void Acc32(ushort[] points, int offset, double value, int sf)
    {
        var raw = double.IsNaN(value) ? 0 : checked((uint)Raw(value, sf));
        points[offset] = (ushort)(raw >> 16);
        points[offset + 1] = (ushort)raw;
    }

    private static void Text(ushort[] points, int offset, int registers, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var i = 0; i < Math.Min(bytes.Length, registers * 2); i++)
            points[offset + i / 2] |= (ushort)(i % 2 == 0 ? bytes[i] << 8 : bytes[i]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
