using System.Reactive.Subjects;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using R = ChargeBridge.Devices.Quasar.QuasarRegisters;

namespace ChargeBridge.Devices.Quasar;

/// <summary>
/// Drives a Wallbox Quasar 1 over one persistent Modbus TCP connection: polls it (every 5 s with a car, 15 s
/// without, 5 s after a failure), takes and gives back control, writes set points with the charger's start/stop
/// rules, stops it when the car leaves, learns a new car's SoC, and turns every device failure into a status.
/// </summary>
public sealed class QuasarDriver : ICharger, IStartable, IDescribedDevice, IAsyncDisposable
{
    private readonly QuasarDriverOptions _options;
    private readonly TimeProvider _clock;
    private readonly ModbusTcpClient _modbus;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Subject<ChargerStatus> _statuses = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _disposed;

    private ChargerStatus _status;
    private ChargerCapabilities _capabilities;
    private DateTimeOffset? _lastAnswer;
    private bool _lastCycleFailed;
    private bool _identified;
    private bool _controlAsserted;
    private ushort? _lastAction;
    private short? _lastSetPoint;
    private Power? _desired;
    private DateTimeOffset? _socAcquisitionSince;
    private int _failedReads;
    private DateTimeOffset? _lastRestartAt;

    public QuasarDriver(QuasarDriverOptions options)
    {
        options.Validate();
        _options = options;
        _clock = options.Clock;
        _modbus = new ModbusTcpClient(options.Host, options.Port, new ModbusClientOptions
        {
            UnitId = options.UnitId, RequestTimeout = options.RequestTimeout, Clock = options.Clock,
        });
        _capabilities = new ChargerCapabilities(true, SetPointUnit.Watts, options.MaxChargePower, options.MaxDischargePower);
        _status = ChargerStatus.Unknown(_clock.GetUtcNow());
    }

    public ChargerCapabilities Capabilities => _capabilities;
    public ChargerStatus Status => _status;
    public IObservable<ChargerStatus> StatusChanges => _statuses;

    /// <summary>Firmware version and serial number, once read.</summary>
    public (ushort Firmware, uint Serial)? Identity { get; private set; }

    private ChargerRestart? _lastRestart;

    public IReadOnlyDictionary<string, object?> Details
    {
        get
        {
            var details = new Dictionary<string, object?>();
            if (Identity is { } id) (details["firmware"], details["serial"]) = (id.Firmware, id.Serial);
            if (_lastRestart is { } restart) details["cloud_restart"] = restart.Outcome;
            return details;
        }
    }

    /// <summary>Starts polling in the background until the driver is disposed.</summary>
    public void Start() => _loop ??= RunAsync(_stop.Token);

    /// <summary>The wait before the next poll after a cycle that ended in <paramref name="status"/>.</summary>
    internal TimeSpan NextPollDelay(ChargerStatus status) =>
        !status.Reachable ? _options.RetryAfterFailure : status.CarConnected == false ? _options.PollWithoutCar : _options.PollWithCar;

    private Task RunAsync(CancellationToken ct) => PollLoop.RunAsync(RefreshAsync, NextPollDelay, _clock, ct);

    public async Task<ChargerStatus> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await PollAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_capabilities.Refusal(power) is { } refusal) return Refused(ChargerCommandError.OutOfLimits, refusal);
            if (_status.State == ChargerState.Unknown || !_status.Reachable) await PollAsync(ct);
            if (!_status.Reachable) return Refused(ChargerCommandError.Communication, _status.FaultReason ?? "the charger does not answer");
            if (_status.ControlledByApp) return Refused(ChargerCommandError.ControlledByApp, "the charger is held by a schedule in the Wallbox app");
            if (power != Power.Zero && _status.CarConnected == false) return Refused(ChargerCommandError.NoCar, "no car is connected");
            // A stop while the driver reads a new car's SoC with its short charge would cut the reading short; the
            // reading ends in a stop by itself.
            if (power == Power.Zero && _socAcquisitionSince is not null) return ChargerCommandResult.Done(_status);

            _socAcquisitionSince = null;
            _desired = power;
            return await Attempt(() => ApplyAsync(power, ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _desired = null;
            _socAcquisitionSince = null;
            return await Attempt(async () =>
            {
                await _modbus.WriteSingleRegisterAsync(R.PowerSetPoint, 0, ct);
                await _modbus.WriteSingleRegisterAsync(R.ControlOwner, R.ControlUser, ct);
                ForgetWrites();
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ChargerCommandResult> Attempt(Func<Task> writes)
    {
        try
        {
            await writes();
            _lastAnswer = _clock.GetUtcNow();
            return ChargerCommandResult.Done(_status);
        }
        catch (ModbusException e)
        {
            ForgetWrites();
            return Refused(ChargerCommandError.Communication, e.Message);
        }
    }

    private ChargerCommandResult Refused(ChargerCommandError error, string reason) => ChargerCommandResult.Refused(error, reason, _status);

    /// <summary>The start/stop rules: start when a non-zero power meets a charger that is not running or that the driver
    /// stopped last, stop on zero,
    /// and write the set point only when it differs from the last one written.</summary>
    private async Task ApplyAsync(Power power, CancellationToken ct)
    {
        // The one path to register 260. Automatic set points (SoC probe, re-apply after recovery) may meet limits
        // that shrank since (register 514): then the charger is stopped instead.
        if (_capabilities.Refusal(power) is not null) power = Power.Zero;
        await TakeControlAsync(ct);
        var watts = (short)Math.Round(power.Watts);
        // After our own stop the last status may still read "running" (no poll since): start again regardless.
        if (watts != 0 && (_lastAction == R.ActionStop || !QuasarStateCode.IsRunning(_status.DeviceStateCode ?? -1)))
            await ActAsync(R.ActionStart, ct);
        if (watts == 0 && _lastAction != R.ActionStop)
            await ActAsync(R.ActionStop, ct);
        if (watts != _lastSetPoint)
        {
            await _modbus.WriteSingleRegisterAsync(R.PowerSetPoint, (ushort)watts, ct);
            _lastSetPoint = watts;
        }
    }

    /// <summary>Re-asserted after any failure or charger error, because the charger drops it when it restarts.</summary>
    private async Task TakeControlAsync(CancellationToken ct)
    {
        if (_controlAsserted) return;
        await _modbus.WriteSingleRegisterAsync(R.ControlOwner, R.ControlRemote, ct);
        await _modbus.WriteSingleRegisterAsync(R.Autostart, 0, ct);
        await _modbus.WriteSingleRegisterAsync(R.SetPointType, R.SetPointWatts, ct);
        await _modbus.WriteSingleRegisterAsync(R.IdleTimeout, (ushort)_options.IdleTimeout.TotalSeconds, ct);
        _controlAsserted = true;
    }

    private async Task ActAsync(ushort action, CancellationToken ct)
    {
        await _modbus.WriteSingleRegisterAsync(R.Action, action, ct);
        _lastAction = action;
    }

    private void ForgetWrites()
    {
        _controlAsserted = false;
        _lastAction = null;
        _lastSetPoint = null;
    }

    private async Task<ChargerStatus> PollAsync(CancellationToken ct)
    {
        var previous = _status;
        try
        {
            var recovering = _lastCycleFailed || !_identified;
            if (!_identified) await IdentifyAsync(ct);
            var status = await ReadStatusAsync(previous, ct);
            _lastAnswer = status.At;
            _lastCycleFailed = false;
            _failedReads = 0;
            if (recovering || status.State == ChargerState.Faulted) ForgetWrites();
            _status = status with { LastRestart = _lastRestart };
            await ReactAsync(previous, status, ct);
        }
        catch (ModbusException e)
        {
            _lastCycleFailed = true;
            _identified = false;
            _failedReads++;
            ForgetWrites();
            _status = Unreachable(previous, e.Message);
            await ConsiderCloudRestartAsync(ct);
            _status = _status with { LastRestart = _lastRestart };
        }
        _statuses.OnNext(_status);
        return _status;
    }

    /// <summary>
    /// After many failed reads of a charger still on the network, restarts it through the Wallbox cloud
    /// (<see cref="CloudRestartPolicy"/>), pausing a discharging car there first. A refused or failed attempt counts
    /// as one, so the cooldown keeps it from being tried again at once; the outcome is in the status's
    /// <see cref="ChargerStatus.LastRestart"/>.
    /// </summary>
    private async Task ConsiderCloudRestartAsync(CancellationToken ct)
    {
        if (_failedReads < _options.Restarts.FailedReadsBeforeRestart) return;
        var serial = _options.CloudSerial ?? Identity?.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var input = new CloudRestartInput(_clock.GetUtcNow(), _failedReads, await OnTheNetworkAsync(ct), _lastRestartAt,
            _lastSetPoint < 0 || _desired?.IsDischarging == true, _options.Cloud is not null && serial is not null);
        var decision = _options.Restarts.Decide(input);
        if (decision.Action == CloudRestartAction.Wait) return;
        var cloud = _options.Cloud!;
        _lastRestartAt = input.Now;
        try
        {
            if (decision.Action == CloudRestartAction.StopFirst)
            {
                await cloud.PauseAsync(serial!, ct);
                _desired = null;
            }
            await cloud.RestartAsync(serial!, ct);
            _lastRestart = new ChargerRestart(input.Now, true, $"restarted through the Wallbox cloud after {_failedReads} failed reads");
        }
        catch (WallboxCloudException e)
        {
            _lastRestart = new ChargerRestart(input.Now, false, $"the restart through the Wallbox cloud failed: {e.Message}");
        }
    }

    /// <summary>Whether the charger still accepts a TCP connection on its Modbus port: a hung module does, a charger
    /// that is off or unplugged does not (and a restart cannot help it).</summary>
    private async Task<bool> OnTheNetworkAsync(CancellationToken ct)
    {
        using var probe = new System.Net.Sockets.TcpClient();
        using var limit = new CancellationTokenSource(_options.RequestTimeout, _clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        try
        {
            await probe.ConnectAsync(_options.Host, _options.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task IdentifyAsync(CancellationToken ct)
    {
        var id = await _modbus.ReadHoldingRegistersAsync(R.Firmware, 3, ct);
        Identity = (id[0], (uint)(id[1] << 16 | id[2]));
        var max = Power.FromWatts((await _modbus.ReadHoldingRegistersAsync(R.MaxPower, 1, ct))[0]);
        _capabilities = _capabilities with
        {
            MaxChargePower = Min(_options.MaxChargePower, max), MaxDischargePower = Min(_options.MaxDischargePower, max),
        };
        _identified = true;
    }

    private static Power Min(Power a, Power b) => a < b ? a : b;

    private async Task<ChargerStatus> ReadStatusAsync(ChargerStatus previous, CancellationToken ct)
    {
        ushort[]? block = null;
        int code;
        if (previous.CarConnected != false)
        {
            block = await _modbus.ReadHoldingRegistersAsync(R.ActualPower, R.StatusBlockCount, ct);
            code = block[R.State - R.ActualPower];
        }
        else
        {
            code = (await _modbus.ReadHoldingRegistersAsync(R.State, 1, ct))[0];
            if (QuasarStateCode.Describe(code).CarConnected != false)
                block = await _modbus.ReadHoldingRegistersAsync(R.ActualPower, R.StatusBlockCount, ct);
        }
        var locked = (await _modbus.ReadHoldingRegistersAsync(R.Locked, 1, ct))[0] != 0;

        var (state, car, text) = QuasarStateCode.Describe(code);
        var power = block is null ? Power.Zero : Power.FromWatts((short)block[0]);
        var socReading = block is null ? 0 : block[R.StateOfCharge - R.ActualPower];
        var soc = car == true ? FilterSoc(previous.StateOfCharge, socReading, code) : null;
        return new ChargerStatus(_clock.GetUtcNow(), state, car, power, soc, locked || code == QuasarStateCode.Locked,
            code == QuasarStateCode.AppSchedule, true, state == ChargerState.Faulted ? text : null, code, text);
    }

    /// <summary>The SoC register reads 0 unless the charger runs, and 1 % or above 97 % as glitches: keep the last good value.</summary>
    private Percent? FilterSoc(Percent? last, int reading, int code)
    {
        if (!QuasarStateCode.IsRunning(code)) return last;
        var relaxed = _socAcquisitionSince is { } since && _clock.GetUtcNow() - since >= _options.SocRelaxAfter;
        var plausible = relaxed ? reading is >= 1 and <= 100 : reading is >= 2 and <= 97;
        return plausible ? new Percent(reading) : last;
    }

    private ChargerStatus Unreachable(ChargerStatus previous, string reason)
    {
        var now = _clock.GetUtcNow();
        var silentFor = now - (_lastAnswer ?? now - _options.FaultAfter);
        if (silentFor < _options.FaultAfter)
            return previous with { At = now, Reachable = false, FaultReason = reason };
        return previous with
        {
            At = now, State = ChargerState.Faulted, CarConnected = null, ActualPower = Power.Zero, Reachable = false,
            FaultReason = _lastAnswer is { } last ? $"no valid answer since {last:u}: {reason}" : $"no valid answer: {reason}",
        };
    }

    /// <summary>What the driver does on its own after a reading: stop when the car leaves, learn a new car's SoC,
    /// and put its set point back after the charger recovered.</summary>
    private async Task ReactAsync(ChargerStatus previous, ChargerStatus now, CancellationToken ct)
    {
        if (now.CarConnected == false && previous.CarConnected != false)
        {
            _socAcquisitionSince = null;
            if (_desired is not null || _controlAsserted)
            {
                _desired = null;
                await TakeControlAsync(ct);
                await ActAsync(R.ActionStop, ct); // so the next plug-in does not start on its own
            }
            return;
        }
        if (now.CarConnected != true || now.ControlledByApp) return;

        // A car seen for the first time (plugged in, or already there when the driver started) whose SoC is unknown is
        // read with a short charge, unless a power other than a stop was asked for it.
        if (_options.AcquireSocOnPlugIn && previous.CarConnected != true && now.StateOfCharge is null && (_desired ?? Power.Zero) == Power.Zero)
        {
            _socAcquisitionSince = now.At;
            await ApplyAsync(Power.FromWatts(1), ct);
            return;
        }
        if (_socAcquisitionSince is { } since)
        {
            if (now.StateOfCharge is not null || now.At - since >= _options.SocAcquisitionTimeout)
            {
                _socAcquisitionSince = null;
                await ApplyAsync(Power.Zero, ct);
            }
            return;
        }
        if (_desired is { } desired && !_controlAsserted && now.State != ChargerState.Faulted) await ApplyAsync(desired, ct);
    }

    public async ValueTask DisposeAsync()
    {
        // No writes here: a stopped driver leaves the charger to its own idle-timeout fail-safe.
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        await _modbus.DisposeAsync();
        _statuses.OnCompleted();
        _statuses.Dispose();
        _stop.Dispose();
    }
}
