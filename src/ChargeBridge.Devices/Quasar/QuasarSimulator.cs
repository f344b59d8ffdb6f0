using System.Net;
using ChargeBridge.Core.Units;
using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.Quasar.QuasarRegisters;

namespace ChargeBridge.Devices.Quasar;

/// <summary>
/// A Wallbox Quasar 1 twin: a Modbus TCP server with the Quasar's registers and behaviour (control owner, autostart,
/// set point type, start/stop, idle-timeout fail-safe, app schedule, lock, error states) and a car battery.
/// It owns no timers: every request, snapshot or command first brings the model up to the clock's time, so a
/// virtual clock runs hours of charging or idle timeouts in no time and the real clock runs it at real speed.
/// With <see cref="QuasarSimulatorOptions.ReactionDelay"/> and <see cref="QuasarSimulatorOptions.RampWattsPerSecond"/>
/// it answers like the real charger: a new power takes effect after the delay and the actual power ramps towards it;
/// the battery sees the ramped power.
/// </summary>
public sealed class QuasarSimulator : IModbusRequestHandler, IAsyncDisposable
{
    private const double VoltsPerAmpere = 230;
    private readonly object _lock = new();
    private readonly QuasarSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly SimulatedBattery _battery;
    private readonly List<int> _powerSetPointWrites = [];
    private readonly Queue<ushort> _socGlitches = new();
    private ModbusTcpServer? _server;

    private DateTimeOffset _updatedAt;
    private DateTimeOffset _lastTraffic;
    private bool _car;
    private bool _running;
    private bool _remote;
    private bool _autostart = true;
    private bool _powerType;
    private ushort _idleTimeoutSeconds;
    private ushort _lastAction;
    private short _currentSetPoint;
    private short _powerSetPoint;
    private double _actualPowerW;
    private double _effectiveW; // the power in effect, which the actual power ramps towards
    private readonly Queue<(double Watts, DateTimeOffset At)> _pending = new();
    private bool _appSchedule;
    private bool _locked;
    private bool _powerSharingError;
    private DateTimeOffset _errorUntil = DateTimeOffset.MinValue;
    private int? _forcedState;
    private QuasarFault _fault;
    private int _requests;
    private int _unanswered;

    public QuasarSimulator(QuasarSimulatorOptions? options = null)
    {
        _options = options ?? new QuasarSimulatorOptions();
        if (_options.ReactionDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), _options.ReactionDelay, "the reaction delay must not be negative");
        if (!(_options.RampWattsPerSecond > 0))
            throw new ArgumentOutOfRangeException(nameof(options), _options.RampWattsPerSecond, "the ramp must be positive (infinity: instant)");
        _clock = _options.Clock;
        _battery = new SimulatedBattery(_options.BatteryCapacity, _options.InitialSoc, _options.ChargeEfficiency, _options.DischargeEfficiency);
        _updatedAt = _lastTraffic = _clock.GetUtcNow();
        _car = _options.CarConnected;
        _running = _car; // factory autostart
        Retarget();
    }

    /// <summary>Starts a simulator serving Modbus TCP on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static Task<QuasarSimulator> StartAsync(int port = 0, QuasarSimulatorOptions? options = null)
    {
        var simulator = new QuasarSimulator(options);
        simulator._server = ModbusTcpServer.Start(simulator, new IPEndPoint(IPAddress.Loopback, port));
        return Task.FromResult(simulator);
    }

    public IPEndPoint Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("the simulator is not serving; use StartAsync");

    /// <summary>Requests received, and those left unanswered because of <see cref="QuasarFault.Hang"/>.</summary>
    public int Requests => Volatile.Read(ref _requests);
    public int UnansweredRequests => Volatile.Read(ref _unanswered);

    /// <summary>Every value written to the power set point register, in order, whether or not it took effect.</summary>
    public IReadOnlyList<int> PowerSetPointWrites
    {
        get { lock (_lock) return _powerSetPointWrites.ToArray(); }
    }

    /// <summary>The AC power flowing now (positive charging, negative discharging), as register 526 reports it unrounded.</summary>
    public Power ActualPower => Locked(() => Power.FromWatts(_actualPowerW));

    public QuasarSimulatorSnapshot Snapshot() => Locked(() => new QuasarSimulatorSnapshot(_updatedAt, StateCode(), _car, _remote,
        _autostart, _powerType, _idleTimeoutSeconds, _powerSetPoint, _lastAction, _actualPowerW, _battery.Soc.Value, _running));

    public void PlugIn(Percent? soc = null) => Change(() =>
    {
        if (soc is { } s) _battery.Reset(s);
        _car = true;
        _running = _autostart;
    });

    public void Unplug() => Change(() => _car = _running = false);
    public void SetAppSchedule(bool active) => Change(() => _appSchedule = active);
    public void SetLocked(bool locked) => Change(() => _locked = locked);
    public void SetPowerSharingError(bool active) => Change(() => _powerSharingError = active);
    public void InjectFault(QuasarFault fault) => Change(() => _fault = fault);

    /// <summary>Reports this state code regardless of the model (null: back to the model), to show the driver every code.</summary>
    public void ForceStateCode(int? code) => Change(() => _forcedState = code);

    /// <summary>The next SoC readings while (dis)charging, as the glitches users report (1 %, above 97 %).</summary>
    public void InjectSocReadings(params ushort[] readings) => Change(() =>
    {
        foreach (var r in readings) _socGlitches.Enqueue(r);
    });

    /// <summary>A power cycle: settings go back to the factory's, and the charger reports state 7 and refuses writes
    /// for <paramref name="errorsFor"/>.</summary>
    public void Restart(TimeSpan errorsFor) => Change(() =>
    {
        _remote = _powerType = _running = false;
        _autostart = true;
        _idleTimeoutSeconds = _lastAction = 0;
        _currentSetPoint = _powerSetPoint = 0;
        _fault = QuasarFault.None;
        _errorUntil = _clock.GetUtcNow() + errorsFor;
    });

    public ModbusReply Handle(ModbusRequest request)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            if (_fault == QuasarFault.Hang)
            {
                Interlocked.Increment(ref _unanswered);
                return ModbusReply.None;
            }
            _lastTraffic = _updatedAt;
            if (request.UnitId != 1) return ModbusReply.Failure(ModbusExceptionCode.GatewayTargetFailedToRespond);
            if (_fault == QuasarFault.ExceptionResponses) return ModbusReply.Failure(ModbusExceptionCode.ServerDeviceFailure);
            var reply = request.FunctionCode switch
            {
                ModbusFunctionCode.ReadHoldingRegisters => _fault == QuasarFault.EmptyReads ? ModbusReply.Of(Array.Empty<ushort>()) : Read(request),
                ModbusFunctionCode.WriteSingleRegister or ModbusFunctionCode.WriteMultipleRegisters => Write(request),
                _ => ModbusReply.Failure(ModbusExceptionCode.IllegalFunction),
            };
            Retarget();
            return _fault == QuasarFault.TruncatedResponses ? new ModbusReply.Truncated(reply, 3) : reply;
        }
    }

    private ModbusReply Read(ModbusRequest request)
    {
        var values = new ushort[request.Count];
        for (var i = 0; i < request.Count; i++)
        {
            if (ReadRegister((ushort)(request.Address + i)) is not { } value) return ModbusReply.Failure(ModbusExceptionCode.IllegalDataAddress);
            values[i] = value;
        }
        return ModbusReply.Of(values);
    }

    private ushort? ReadRegister(ushort address) => address switch
    {
        R.Firmware => _options.Firmware,
        R.SerialHigh => (ushort)(_options.Serial >> 16),
        R.SerialLow => (ushort)_options.Serial,
        R.ControlOwner => _remote ? R.ControlRemote : R.ControlUser,
        R.Autostart => _autostart ? (ushort)1 : (ushort)0,
        R.SetPointType => _powerType ? R.SetPointWatts : R.SetPointAmperes,
        R.IdleTimeout => _idleTimeoutSeconds,
        R.Locked => _locked ? (ushort)1 : (ushort)0,
        R.Action => _lastAction,
        R.CurrentSetPoint => (ushort)_currentSetPoint,
        R.PowerSetPoint => (ushort)_powerSetPoint,
        R.MaxPower => (ushort)_options.MaxPowerW,
        R.ActualPower => (ushort)(short)Math.Round(_actualPowerW),
        R.State => (ushort)StateCode(),
        R.StateOfCharge => SocReading(),
        R.RecoverableErrorLow => InErrorWindow ? (ushort)1 : (ushort)0,
        >= R.ActualPower and <= R.RecoverableErrorLow => 0,
        _ => null,
    };

    private ushort SocReading()
    {
        if (!QuasarStateCode.IsRunning(StateCode())) return 0;
        return _socGlitches.TryDequeue(out var glitch) ? glitch : (ushort)Math.Round(_battery.Soc.Value);
    }

    private ModbusReply Write(ModbusRequest request)
    {
        if (InErrorWindow) return ModbusReply.Failure(ModbusExceptionCode.ServerDeviceFailure);
        for (var i = 0; i < request.Count; i++)
            if (Refusal((ushort)(request.Address + i), request.Values[i]) is { } refusal) return ModbusReply.Failure(refusal);
        for (var i = 0; i < request.Count; i++) WriteRegister((ushort)(request.Address + i), request.Values[i]);
        return ModbusReply.Done;
    }

    private static ModbusExceptionCode? Refusal(ushort address, ushort value) => address switch
    {
        R.ControlOwner or R.Autostart or R.SetPointType => value <= 1 ? null : ModbusExceptionCode.IllegalDataValue,
        R.IdleTimeout => null,
        R.Action => value is >= R.ActionStart and <= R.ActionUpdate ? null : ModbusExceptionCode.IllegalDataValue,
        R.CurrentSetPoint => Math.Abs((int)(short)value) <= R.MaxCurrentSetPointA ? null : ModbusExceptionCode.IllegalDataValue,
        R.PowerSetPoint => Math.Abs((int)(short)value) <= R.MaxPowerSetPointW ? null : ModbusExceptionCode.IllegalDataValue,
        _ => ModbusExceptionCode.IllegalDataAddress,
    };

    private void WriteRegister(ushort address, ushort value)
    {
        if (address == R.PowerSetPoint) _powerSetPointWrites.Add((short)value);
        if (address == R.ControlOwner)
        {
            _remote = value == R.ControlRemote;
            if (!_remote)
            {
                // the charger restores its own settings when the user gets control back
                _autostart = true;
                _powerType = false;
                _idleTimeoutSeconds = 0;
            }
            return;
        }
        if (!_remote) return; // writes take effect only under remote control
        switch (address)
        {
            case R.Autostart: _autostart = value == 1; break;
            case R.SetPointType: _powerType = value == R.SetPointWatts; break;
            case R.IdleTimeout: _idleTimeoutSeconds = value; break;
            case R.CurrentSetPoint: _currentSetPoint = (short)value; break;
            case R.PowerSetPoint: _powerSetPoint = (short)value; break;
            case R.Action:
                _lastAction = value;
                if (_appSchedule) break;
                if (value == R.ActionStart && _car) _running = true;
                if (value == R.ActionStop) _running = false;
                break;
        }
    }

    private bool InErrorWindow => _updatedAt < _errorUntil;

    private int StateCode()
    {
        if (_forcedState is { } forced) return forced;
        if (InErrorWindow) return QuasarStateCode.Error;
        if (_powerSharingError) return QuasarStateCode.PowerSharingError;
        if (!_car) return _locked ? QuasarStateCode.Locked : QuasarStateCode.NoCar;
        if (_appSchedule) return QuasarStateCode.AppSchedule;
        // With a reaction delay the power ramps down after a stop: it reports what flows until it has stopped.
        if (_actualPowerW != 0) return _actualPowerW > 0 ? QuasarStateCode.Charging : QuasarStateCode.Discharging;
        return _running ? QuasarStateCode.Waiting : QuasarStateCode.Paused;
    }

    /// <summary>The AC power the charger aims at now.</summary>
    private double TargetPowerW()
    {
        if (!_car || !_running || _appSchedule || InErrorWindow || _powerSharingError) return 0;
        double target = !_remote ? _options.MaxPowerW : _powerType ? _powerSetPoint : _currentSetPoint * VoltsPerAmpere;
        target = Math.Clamp(target, -_options.MaxPowerW, _options.MaxPowerW);
        if (target < 0 && !_options.AllowsDischarge) return 0;
        if ((target > 0 && _battery.IsFull) || (target < 0 && _battery.IsEmpty)) return 0;
        return target;
    }

    /// <summary>
    /// Queues a change of the power the charger aims at. Without a reaction delay (the original model) stopping is
    /// immediate and a new non-zero power replaces any pending one, arriving after the response delay. With one, every
    /// change arrives after it, in order; only a physical cut (no car, error, power sharing, battery full or empty in the
    /// direction of flow) stops the power at once.
    /// </summary>
    private void Retarget()
    {
        var target = TargetPowerW();
        if (_options.ReactionDelay is not { } delay)
        {
            if (target == 0)
            {
                Cut();
            }
            else if (target != (_pending.Count > 0 ? _pending.Last().Watts : _effectiveW))
            {
                _pending.Clear();
                _pending.Enqueue((target, _updatedAt + _options.PowerResponseDelay));
            }
            return;
        }

        var batteryStops = (_battery.IsFull && (_actualPowerW > 0 || _effectiveW > 0)) || (_battery.IsEmpty && (_actualPowerW < 0 || _effectiveW < 0));
        if (!_car || InErrorWindow || _powerSharingError || batteryStops)
        {
            Cut();
            return;
        }
        if (target != (_pending.Count > 0 ? _pending.Last().Watts : _effectiveW))
            _pending.Enqueue((target, _updatedAt + delay));
    }

    private void Cut()
    {
        _actualPowerW = _effectiveW = 0;
        _pending.Clear();
    }

    /// <summary>The actual power ramps towards the power in effect at this rate (W/s, signed); 0 when it is there.</summary>
    private double RampSlope() =>
        _actualPowerW == _effectiveW || double.IsPositiveInfinity(_options.RampWattsPerSecond) ? 0
            : Math.Sign(_effectiveW - _actualPowerW) * _options.RampWattsPerSecond;

    /// <summary>The next moment the ramp changes character: it arrives, or it crosses 0 (the battery's efficiency
    /// changes with the direction of flow).</summary>
    private DateTimeOffset? RampEvent()
    {
        if (RampSlope() == 0) return null;
        var watts = Math.Abs(_effectiveW - _actualPowerW);
        if (_actualPowerW != 0 && Math.Sign(_effectiveW) != Math.Sign(_actualPowerW)) watts = Math.Abs(_actualPowerW);
        return _updatedAt + CeilingSeconds(watts / _options.RampWattsPerSecond);
    }

    private static TimeSpan CeilingSeconds(double seconds) => TimeSpan.FromTicks((long)Math.Max(1, Math.Ceiling(seconds * TimeSpan.TicksPerSecond)));

    /// <summary>The actual power <paramref name="seconds"/> into a ramp segment: towards the power in effect, never past it
    /// and never through 0 (a segment ends there).</summary>
    private double RampedPower(double seconds)
    {
        var slope = RampSlope();
        if (slope == 0) return _actualPowerW;
        var moved = _actualPowerW + slope * seconds;
        if (Math.Abs(moved - _actualPowerW) >= Math.Abs(_effectiveW - _actualPowerW)) moved = _effectiveW;
        if (_actualPowerW != 0 && Math.Sign(moved) == -Math.Sign(_actualPowerW)) moved = 0;
        return moved;
    }

    /// <summary>Runs the model from its last update to <paramref name="now"/>, event by event.</summary>
    private void AdvanceTo(DateTimeOffset now)
    {
        while (_updatedAt < now)
        {
            var next = now;
            if (_pending.TryPeek(out var pending) && pending.At < next) next = pending.At;
            if (IdleDeadline is { } idle && idle < next) next = idle;
            if (_errorUntil > _updatedAt && _errorUntil < next) next = _errorUntil;
            if (RampEvent() is { } ramp && ramp < next) next = ramp;
            if (_battery.TimeToLimit(Power.FromWatts(_actualPowerW), RampSlope()) is { } full && _updatedAt + full < next) next = _updatedAt + full;
            if (next < _updatedAt) next = _updatedAt; // an event already due (such as an idle timeout written after the fact)

            var wasInError = InErrorWindow;
            var duration = next - _updatedAt;
            var end = RampedPower(duration.TotalSeconds);
            // Power is linear over a segment and keeps its sign, so its mean moves the battery exactly.
            _battery.Apply(Power.FromWatts((_actualPowerW + end) / 2), duration);
            _actualPowerW = end;
            _updatedAt = next;
            while (_pending.TryPeek(out var due) && due.At <= _updatedAt)
            {
                _pending.Dequeue();
                _effectiveW = due.Watts;
                if (double.IsPositiveInfinity(_options.RampWattsPerSecond)) _actualPowerW = _effectiveW;
            }
            if (IdleDeadline is { } deadline && deadline <= _updatedAt) _running = false; // the Modbus fail-safe
            if (wasInError && !InErrorWindow && _car && _autostart) _running = true;
            Retarget();
        }
    }

    private DateTimeOffset? IdleDeadline =>
        _remote && _running && _idleTimeoutSeconds > 0 ? _lastTraffic + TimeSpan.FromSeconds(_idleTimeoutSeconds) : null;

    private void Change(Action change) => Locked(() =>
    {
        change();
        Retarget();
        return true;
    });

    private T Locked<T>(Func<T> read)
    {
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            return read();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
