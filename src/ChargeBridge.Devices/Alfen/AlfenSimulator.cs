using System.Net;
using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.Alfen.AlfenRegisters;

namespace ChargeBridge.Devices.Alfen;

/// <summary>
/// An Alfen Eve twin in Modbus TCP slave mode: our Modbus server with the socket registers of unit 1 (function 03 to
/// read, 06 and 16 to write) and the station's behaviour. A maximum current written to 1210 (both registers at once)
/// holds for the validity time and then gives way to the safe current; the IEC 61851 state follows the car and the
/// current offered after a reaction delay (A, B1/C1 without a current, B2 offered, C2 charging); 1215 switches the
/// phases where allowed; an injected error shows state F and an inoperative socket availability 0. Registers the
/// socket does not have read as NaN (0xFFFF), as the station answers. No timers: every request first brings the
/// model to the clock's time.
/// </summary>
public sealed class AlfenSimulator : IModbusRequestHandler, IAsyncDisposable
{
    public const byte SocketUnit = 1;

    private readonly object _lock = new();
    private readonly AlfenSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly List<(ushort Address, double Value)> _writes = [];
    private readonly List<long> _writeTimestamps = [];
    private ModbusTcpServer? _server;

    private DateTimeOffset _updatedAt;
    private DateTimeOffset? _writtenAt;
    private DateTimeOffset? _offeredSince;
    private double _maxCurrentA;
    private bool _car;
    private bool _carFull;
    private bool _error;
    private bool _available = true;
    private int _phases;
    private double _energyWh;

    public AlfenSimulator(AlfenSimulatorOptions? options = null)
    {
        _options = options ?? new AlfenSimulatorOptions();
        _clock = _options.Clock;
        _updatedAt = _clock.GetUtcNow();
        _car = _options.CarConnected;
        _phases = _options.Phases;
        Retarget();
    }

    /// <summary>Starts a twin serving Modbus TCP on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static Task<AlfenSimulator> StartAsync(AlfenSimulatorOptions? options = null, int port = 0)
    {
        var simulator = new AlfenSimulator(options);
        simulator._server = ModbusTcpServer.Start(simulator, new IPEndPoint(IPAddress.Loopback, port));
        return Task.FromResult(simulator);
    }

    public IPEndPoint Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("the twin is not serving; use StartAsync");

    /// <summary>Every write taken, in order: 1210 as its float value in A, 1215 as the phases.</summary>
    public IReadOnlyList<(ushort Address, double Value)> Writes
    {
        get { lock (_lock) return _writes.ToArray(); }
    }

    public int WriteCount
    {
        get { lock (_lock) return _writes.Count; }
    }

    /// <summary>When write number <paramref name="index"/> (from 0) arrived, on the clock's timestamp scale: for the
    /// command benchmarks, which time a command to its write.</summary>
    public long WriteTimestamp(int index)
    {
        lock (_lock) return _writeTimestamps[index];
    }

    /// <summary>The current offered to the car now: the written one while valid, else the safe current.</summary>
    public double AppliedCurrentA => Locked(Applied);
    public bool SetPointValid => Locked(Valid);
    public string Mode3State => Locked(State);
    public int Phases => Locked(() => _phases);
    public double PowerW => Locked(PowerNow);

    public void PlugIn() => Change(() => _car = true);
    public void Unplug() => Change(() => _car = false);

    /// <summary>The car stops asking for power (full): state B2 with a current offered.</summary>
    public void SetCarFull(bool full) => Change(() => _carFull = full);

    /// <summary>State F until cleared.</summary>
    public void SetError(bool error) => Change(() => _error = error);

    /// <summary>Availability 0 (the socket set inoperative) until set available again.</summary>
    public void SetAvailable(bool available) => Change(() => _available = available);

    public ModbusReply Handle(ModbusRequest request)
    {
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            if (request.UnitId != SocketUnit) return ModbusReply.Failure(ModbusExceptionCode.GatewayTargetFailedToRespond);
            var reply = request.FunctionCode switch
            {
                ModbusFunctionCode.ReadHoldingRegisters => Read(request),
                ModbusFunctionCode.WriteSingleRegister or ModbusFunctionCode.WriteMultipleRegisters => Write(request),
                _ => ModbusReply.Failure(ModbusExceptionCode.IllegalFunction),
            };
            Retarget();
            return reply;
        }
    }

    private ModbusReply Read(ModbusRequest request)
    {
        var map = new Dictionary<int, ushort>();
        void Put(ushort address, IEnumerable<ushort> words)
        {
            var i = 0;
            foreach (var word in words) map[address + i++] = word;
        }
        var state = State();
        var charging = state == "C2";
        for (var phase = 0; phase < 3; phase++)
        {
            Put((ushort)(R.VoltageL1 + 2 * phase), RegisterWords.FromFloat32((float)_options.VoltageV));
            Put((ushort)(R.CurrentL1 + 2 * phase), RegisterWords.FromFloat32(charging && phase < _phases ? (float)Applied() : 0f));
        }
        Put(R.RealPowerSum, RegisterWords.FromFloat32((float)PowerNow()));
        Put(R.RealEnergyDeliveredSum, RegisterWords.FromFloat64(_energyWh));
        map[R.Availability] = _available ? (ushort)1 : (ushort)0;
        Put(R.Mode3State, RegisterWords.FromText(state, R.Mode3StateLength));
        Put(R.ActualMaxCurrent, RegisterWords.FromFloat32((float)Applied()));
        Put(R.MaxCurrentValidTime, RegisterWords.FromUInt32(Valid() ? (uint)Math.Ceiling((_writtenAt!.Value + _options.ValidityTime - _updatedAt).TotalSeconds) : 0));
        Put(R.MaxCurrent, RegisterWords.FromFloat32((float)_maxCurrentA));
        Put(R.SafeCurrent, RegisterWords.FromFloat32((float)_options.SafeCurrentA));
        map[R.SetPointAccountedFor] = Valid() ? (ushort)1 : (ushort)0;
        map[R.Phases] = (ushort)_phases;

        var words = new ushort[request.Count];
        for (var i = 0; i < request.Count; i++)
        {
            var address = request.Address + i;
            if (map.TryGetValue(address, out var word)) words[i] = word;
            else if (address is >= 300 and <= 425 or >= R.Availability and <= R.Phases) words[i] = 0xFFFF; // reserved: NaN
            else return ModbusReply.Failure(ModbusExceptionCode.IllegalDataAddress);
        }
        return ModbusReply.Of(words);
    }

    private ModbusReply Write(ModbusRequest request)
    {
        if (request.Address == R.MaxCurrent)
        {
            // A float32 is written whole, in one request, or the station refuses it.
            if (request.Count != 2) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataValue);
            var amperes = RegisterWords.Float32(request.Values);
            if (!float.IsFinite(amperes) || amperes < 0) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataValue);
            _maxCurrentA = amperes;
            _writtenAt = _updatedAt;
            _writes.Add((R.MaxCurrent, amperes));
            _writeTimestamps.Add(_clock.GetTimestamp());
            return ModbusReply.Done;
        }
        if (request.Address == R.Phases && request.Count == 1)
        {
            if (!_options.PhaseSwitching || request.Values[0] is not (1 or 3)) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataValue);
            if (_phases != request.Values[0]) _offeredSince = null; // the car starts again on the new phases
            _phases = request.Values[0];
            _writes.Add((R.Phases, _phases));
            _writeTimestamps.Add(_clock.GetTimestamp());
            return ModbusReply.Done;
        }
        return ModbusReply.Failure(ModbusExceptionCode.IllegalDataAddress);
    }

    private bool Valid() => _writtenAt is { } at && _updatedAt - at < _options.ValidityTime;

    private double Applied() => Math.Min(Valid() ? _maxCurrentA : _options.SafeCurrentA, _options.StationMaxCurrentA);

    private bool Offered => _car && !_error && _available && Applied() >= 6;

    private void Retarget()
    {
        if (!Offered) _offeredSince = null;
        else _offeredSince ??= _updatedAt;
    }

    private string State()
    {
        if (_error) return "F";
        if (!_car) return "A";
        if (!Offered) return _carFull ? "B1" : "C1";
        if (_carFull) return "B2";
        return _offeredSince is { } since && _updatedAt - since >= _options.ReactionDelay ? "C2" : "B2";
    }

    private double PowerNow() => State() == "C2" ? Applied() * _phases * _options.VoltageV : 0;

    /// <summary>Brings the model to <paramref name="now"/>, switching to the safe current at the moment the set point
    /// lapses, and counts the energy delivered.</summary>
    private void AdvanceTo(DateTimeOffset now)
    {
        if (_writtenAt is { } at && at + _options.ValidityTime is var lapse && lapse > _updatedAt && lapse <= now)
        {
            Integrate(lapse);
            Retarget();
        }
        Integrate(now);
        Retarget();
    }

    private void Integrate(DateTimeOffset to)
    {
        if (to <= _updatedAt) return;
        // Power flows from the moment the reaction delay ends, not from the last request.
        var from = _offeredSince is { } since && since + _options.ReactionDelay > _updatedAt ? since + _options.ReactionDelay : _updatedAt;
        if (Offered && !_carFull && to > from) _energyWh += Applied() * _phases * _options.VoltageV * (to - from).TotalHours;
        _updatedAt = to;
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            return read();
        }
    }

    private void Change(Action change)
    {
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            change();
            Retarget();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
