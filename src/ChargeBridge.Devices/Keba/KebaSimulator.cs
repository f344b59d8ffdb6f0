using System.Net;
using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.Keba.KebaRegisters;

namespace ChargeBridge.Devices.Keba;

/// <summary>
/// A KEBA KeContact P30 / P40 twin: a Modbus TCP server (unit id 255) with the station's registers and behaviour.
/// The state follows the cable, the enable and the current after <see cref="KebaSimulatorOptions.ReactionDelay"/>;
/// once a failsafe timeout is set, the station falls back to the failsafe current when no write arrives within it;
/// a phase switch pauses charging for <see cref="KebaSimulatorOptions.PhaseSwitchPause"/>; an injected error shows
/// state 4 with its code. Like the Quasar twin it owns no timers: every request first brings it to the clock's time.
/// </summary>
public sealed class KebaSimulator : IModbusRequestHandler, IAsyncDisposable
{
    public const byte UnitId = 255;

    private readonly object _lock = new();
    private readonly KebaSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly List<(ushort Address, ushort Value)> _writes = [];
    private readonly List<long> _writeTimestamps = [];
    private ModbusTcpServer? _server;

    private DateTimeOffset _updatedAt;
    private DateTimeOffset _lastWrite;
    private DateTimeOffset? _readySince;
    private DateTimeOffset? _switchingUntil;
    private bool _car;
    private bool _enabled = true;
    private int _currentMa;
    private int _failsafeCurrentMa;
    private int _failsafeTimeoutS;
    private bool _failsafeActive;
    private int _phases;
    private int _pendingPhases;
    private ushort _phaseSource;
    private uint _errorCode;
    private double _energyWh;

    public KebaSimulator(KebaSimulatorOptions? options = null)
    {
        _options = options ?? new KebaSimulatorOptions();
        _clock = _options.Clock;
        _updatedAt = _lastWrite = _clock.GetUtcNow();
        _car = _options.CarConnected;
        _currentMa = _options.HardwareMaxCurrentA * 1000;
        _phases = _pendingPhases = _options.Phases;
        Retarget();
    }

    /// <summary>Starts a twin serving Modbus TCP on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static Task<KebaSimulator> StartAsync(KebaSimulatorOptions? options = null, int port = 0)
    {
        var simulator = new KebaSimulator(options);
        simulator._server = ModbusTcpServer.Start(simulator, new IPEndPoint(IPAddress.Loopback, port));
        return Task.FromResult(simulator);
    }

    public IPEndPoint Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("the twin is not serving; use StartAsync");

    /// <summary>Every write taken, in order.</summary>
    public IReadOnlyList<(ushort Address, ushort Value)> Writes
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

    public int ChargingState => Locked(StateCode);
    public int CurrentMa => Locked(() => _currentMa);
    public bool Enabled => Locked(() => _enabled);
    public bool FailsafeActive => Locked(() => _failsafeActive);
    public int Phases => Locked(() => _phases);
    public double PowerW => Locked(PowerNow);

    public void PlugIn() => Change(() => _car = true);
    public void Unplug() => Change(() => _car = false);

    /// <summary>The station reports state 4 with <paramref name="code"/> until <see cref="ClearError"/>.</summary>
    public void InjectError(uint code) => Change(() => _errorCode = code);

    public void ClearError() => Change(() => _errorCode = 0);

    /// <summary>The station restarts: the failsafe current and timeout written over Modbus are forgotten (timeout 0, the
    /// failsafe off) and it charges at its hardware maximum again.</summary>
    public void Restart() => Change(() =>
    {
        (_failsafeCurrentMa, _failsafeTimeoutS, _failsafeActive) = (0, 0, false);
        _currentMa = _options.HardwareMaxCurrentA * 1000;
    });

    /// <summary>The failsafe current the station holds (register 1600), mA.</summary>
    public int FailsafeCurrentMa => Locked(() => _failsafeCurrentMa);

    public ModbusReply Handle(ModbusRequest request)
    {
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            if (request.UnitId != UnitId) return ModbusReply.Failure(ModbusExceptionCode.GatewayTargetFailedToRespond);
            var reply = request.FunctionCode switch
            {
                ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => Read(request),
                ModbusFunctionCode.WriteSingleRegister => Write(request.Address, request.Values[0]),
                _ => ModbusReply.Failure(ModbusExceptionCode.IllegalFunction),
            };
            Retarget();
            return reply;
        }
    }

    private ModbusReply Read(ModbusRequest request)
    {
        var words = new ushort[request.Count];
        for (var i = 0; i < request.Count; i++)
        {
            var address = (ushort)(request.Address + i);
            if (Value(address) is { } high) words[i] = (ushort)(high >> 16);
            else if (Value((ushort)(address - 1)) is { } low) words[i] = (ushort)low;
            else return ModbusReply.Failure(ModbusExceptionCode.IllegalDataAddress);
        }
        return ModbusReply.Of(words);
    }

    /// <summary>The UINT32 value starting at <paramref name="address"/>, or null where none starts.</summary>
    private uint? Value(ushort address)
    {
        var charging = StateCode() == 3;
        uint PhaseCurrent(int phase) => charging && phase <= _phases ? (uint)_currentMa : 0;
        return address switch
        {
            R.ChargingState => (uint)StateCode(),
            R.CableState => _car ? (uint)R.CableInCarLocked : 1,
            R.ErrorCode => _errorCode,
            R.CurrentL1 => PhaseCurrent(1),
            R.CurrentL2 => PhaseCurrent(2),
            R.CurrentL3 => PhaseCurrent(3),
            R.Serial => _options.Serial,
            R.Product => _options.Product,
            R.Firmware => _options.Firmware,
            R.ActivePower => (uint)Math.Round(PowerNow() * 1000),
            R.TotalEnergy => (uint)Math.Round(_energyWh * 10),
            R.VoltageL1 or R.VoltageL2 or R.VoltageL3 => (uint)Math.Round(_options.VoltageV),
            R.MaxChargingCurrent => (uint)_currentMa,
            R.MaxSupportedCurrent => (uint)_options.HardwareMaxCurrentA * 1000,
            R.PhaseSwitchSourceState when _options.PhaseSwitching => _phaseSource,
            R.PhaseSwitchState when _options.PhaseSwitching => _phases == 3 ? 1u : 0u,
            R.FailsafeCurrentSetting => (uint)_failsafeCurrentMa,
            R.FailsafeTimeoutSetting => (uint)_failsafeTimeoutS,
            _ => null,
        };
    }

    private ModbusReply Write(ushort address, ushort value)
    {
        var refusal = address switch
        {
            R.SetChargingCurrent => value is >= R.MinCurrentMa and <= R.MaxCurrentMa ? null : ModbusExceptionCode.IllegalDataValue,
            R.EnableStation => value <= 1 ? null : ModbusExceptionCode.IllegalDataValue,
            R.FailsafeCurrent => value is 0 or >= R.MinCurrentMa and <= R.MaxCurrentMa ? null : ModbusExceptionCode.IllegalDataValue,
            R.FailsafeTimeout => (ModbusExceptionCode?)null,
            R.PhaseSwitchSource when _options.PhaseSwitching => value <= 4 ? null : ModbusExceptionCode.IllegalDataValue,
            R.PhaseSwitch when _options.PhaseSwitching => value <= 1 && _phaseSource == R.PhaseSwitchSourceModbus ? null : ModbusExceptionCode.IllegalDataValue,
            _ => ModbusExceptionCode.IllegalDataAddress,
        };
        if (refusal is { } code) return ModbusReply.Failure(code);
        _writes.Add((address, value));
        _writeTimestamps.Add(_clock.GetTimestamp());
        _lastWrite = _updatedAt;
        switch (address)
        {
            case R.SetChargingCurrent:
                _currentMa = Math.Min(value, _options.HardwareMaxCurrentA * 1000);
                _failsafeActive = false;
                break;
            case R.EnableStation: _enabled = value == 1; break;
            case R.FailsafeCurrent: _failsafeCurrentMa = value; break;
            case R.FailsafeTimeout: _failsafeTimeoutS = value; break;
            case R.PhaseSwitchSource: _phaseSource = value; break;
            case R.PhaseSwitch:
                var phases = value == 1 ? 3 : 1;
                if (phases != _phases)
                {
                    _pendingPhases = phases;
                    _switchingUntil = _updatedAt + _options.PhaseSwitchPause;
                }
                break;
        }
        return ModbusReply.Done;
    }

    /// <summary>Brings the model to <paramref name="now"/>: the meter counts, a missed heartbeat applies the failsafe
    /// current at the moment the timeout ran out, and a phase switch ends after its pause.</summary>
    private void AdvanceTo(DateTimeOffset now)
    {
        if (now <= _updatedAt) return;
        if (_failsafeTimeoutS > 0 && !_failsafeActive && _lastWrite + TimeSpan.FromSeconds(_failsafeTimeoutS) is var due && due <= now)
        {
            Integrate(due);
            _failsafeActive = true;
            _currentMa = _failsafeCurrentMa;
            Retarget();
        }
        if (_switchingUntil is { } until && until <= now)
        {
            Integrate(until);
            _phases = _pendingPhases;
            _switchingUntil = null;
            Retarget();
        }
        Integrate(now);
    }

    private void Integrate(DateTimeOffset to)
    {
        if (to <= _updatedAt) return;
        // Power flows from the moment the reaction delay ends, not from the last request.
        var from = _readySince is { } ready && ready + _options.ReactionDelay > _updatedAt ? ready + _options.ReactionDelay : _updatedAt;
        if (Ready && to > from) _energyWh += _currentMa / 1000.0 * _phases * _options.VoltageV * (to - from).TotalHours;
        _updatedAt = to;
    }

    /// <summary>Everything that lets the car charge, but for the reaction delay.</summary>
    private bool Ready => _car && _enabled && _errorCode == 0 && _switchingUntil is null && _currentMa >= R.MinCurrentMa;

    private void Retarget()
    {
        if (!Ready) _readySince = null;
        else _readySince ??= _updatedAt;
    }

    /// <summary>4 error; 1 no car or disabled; 5 interrupted (switching phases, or a current below 6 A); 2 ready while the
    /// car reacts; 3 charging.</summary>
    private int StateCode()
    {
        if (_errorCode != 0) return 4;
        if (!_car || !_enabled) return 1;
        if (_switchingUntil is not null || _currentMa < R.MinCurrentMa) return 5;
        return _readySince is { } ready && _updatedAt - ready >= _options.ReactionDelay ? 3 : 2;
    }

    private double PowerNow() => StateCode() == 3 ? _currentMa / 1000.0 * _phases * _options.VoltageV : 0;

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
