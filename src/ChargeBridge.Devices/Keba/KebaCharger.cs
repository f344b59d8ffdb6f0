using System.Globalization;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Modbus;
using Microsoft.Extensions.Logging;
using R = ChargeBridge.Devices.Keba.KebaRegisters;

namespace ChargeBridge.Devices.Keba;

/// <summary>
/// A KEBA KeContact P30 / P40 driven over one Modbus TCP connection: polls every <see cref="KebaOptions.PollInterval"/>,
/// sets the charging current (whole amperes, 5004 in mA) and enables or disables the station (5014). The first command
/// takes control by writing the failsafe current and timeout (5016, 5018); from then on every poll re-writes the
/// timeout as a heartbeat, and writes the set current again when the station applies another one (after a failsafe
/// fall-back, say), until <see cref="ReleaseAsync"/> turns the failsafe off. Charge only: a negative set point is
/// refused with nothing written. With <see cref="KebaOptions.PhaseSwitching"/> it switches between one and three phases
/// (5050 source Modbus, 5052).
/// </summary>
public sealed class KebaCharger : IPhaseSwitchingCharger, IStartable, IDescribedDevice, IAsyncDisposable
{
    private readonly KebaOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly ModbusTcpClient _modbus;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChargerFeed _feed;
    private KebaReading? _reading;
    private DateTimeOffset? _lastAnswer;
    private (uint Serial, uint Product, uint Firmware)? _identity;
    private bool _controlled;
    private bool _phaseSourceSet;
    private int? _setCurrentA;

    public KebaCharger(KebaOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _clock = options.Clock;
        _modbus = new ModbusTcpClient(options.Host, options.Port, new ModbusClientOptions
        {
            UnitId = options.UnitId, RequestTimeout = options.Timeout, Clock = options.Clock,
        });
        _feed = new ChargerFeed(ChargerStatus.Unknown(_clock.GetUtcNow()));
    }

    /// <summary>Charge only, in amperes on the phases in use (the station's phase switch state when it switches).</summary>
    public ChargerCapabilities Capabilities =>
        ChargerCapabilities.ForCurrent(false, _reading?.SwitchedPhases ?? _options.Phases, _options.MinCurrentA, _options.MaxCurrentA, _options.PhaseSwitching);

    public ChargerStatus Status => _feed.Status;

    public IObservable<ChargerStatus> StatusChanges => _feed.Changes;

    /// <summary>Serial, product code and firmware (KEBA's hexadecimal form), the applied and supported currents, the
    /// phase voltages and the energy meter, once read.</summary>
    public IReadOnlyDictionary<string, object?> Details
    {
        get
        {
            var details = new Dictionary<string, object?>();
            if (_identity is { } id)
            {
                details["serial"] = id.Serial.ToString(CultureInfo.InvariantCulture);
                details["product"] = id.Product.ToString(CultureInfo.InvariantCulture);
                details["firmware"] = FirmwareText(id.Firmware);
            }
            if (_reading is { } reading)
            {
                details["current_a"] = reading.MaxChargingCurrentA;
                details["max_supported_current_a"] = reading.MaxSupportedCurrentA;
                details["voltages_v"] = string.Join("/", reading.VoltagesV.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));
                details["energy_kwh"] = Math.Round(reading.TotalEnergy.KilowattHours, 4);
            }
            return details;
        }
    }

    /// <summary>Firmware 0x30A0D00 reads 3.10.13: major, minor and patch in the bytes under the top one.</summary>
    private static string FirmwareText(uint firmware) =>
        string.Create(CultureInfo.InvariantCulture, $"{firmware >> 24 & 0xFF}.{firmware >> 16 & 0xFF}.{firmware >> 8 & 0xFF}");

    public void Start() => _feed.Start(RefreshAsync, _ => _options.PollInterval, _clock);

    /// <summary>Reads the station and, while ChargeBridge holds control, beats the failsafe heartbeat.</summary>
    public async Task<ChargerStatus> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_controlled) return await PollAsync(ct);
            return await HeartbeatAsync(ct) is { } problem ? _feed.Publish(Unreachable(_clock.GetUtcNow(), problem)) : _feed.Status;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Zero disables the station; a positive power enables it at the whole amperes not above it on the phases
    /// in use. Negative (the station cannot discharge) or below the minimum current is refused with nothing written.</summary>
    public Task<ChargerCommandResult> SetPowerAsync(Power power, CancellationToken ct = default)
    {
        if (Capabilities.Refusal(power) is { } refusal) return Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"the KEBA charges only: {refusal}"));
        if (power == Power.Zero) return CommandAsync(null, ct);
        var stepped = Capabilities.StepDown(power);
        if (stepped == Power.Zero)
            return Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"{power} is below the minimum {Capabilities.MinPower} ({_options.MinCurrentA} A)"));
        return CommandAsync((int)Math.Round(Capabilities.AmperesFor(stepped)), ct);
    }

    /// <summary>Enables the station at <paramref name="amperes"/> per phase; outside the configured limits is refused
    /// with nothing written.</summary>
    public Task<ChargerCommandResult> SetCurrentAsync(int amperes, CancellationToken ct = default) =>
        amperes < _options.MinCurrentA || amperes > _options.MaxCurrentA
            ? Task.FromResult(Refused(ChargerCommandError.OutOfLimits, $"{amperes} A is outside {_options.MinCurrentA}–{_options.MaxCurrentA} A"))
            : CommandAsync(amperes, ct);

    /// <summary>Hands the station back: the failsafe is turned off (timeout 0) and the current goes back to the
    /// maximum; the station stays enabled or disabled as it is.</summary>
    public async Task<ChargerCommandResult> ReleaseAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await _modbus.WriteSingleRegisterAsync(R.FailsafeTimeout, 0, ct);
            await _modbus.WriteSingleRegisterAsync(R.SetChargingCurrent, (ushort)(_options.MaxCurrentA * 1000), ct);
            _controlled = false;
            _setCurrentA = null;
            return ChargerCommandResult.Done(await PollAsync(ct));
        }
        catch (ModbusException e)
        {
            return await FailedAsync("the release", e, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Switches to one or three phases through the station's phase switch (5050 = 3: controlled over Modbus
    /// TCP, then 5052: 0 one phase, 1 three phases). The station pauses charging while it switches.</summary>
    public async Task<ChargerCommandResult> SwitchPhasesAsync(int phases, CancellationToken ct = default)
    {
        if (phases is not (1 or 3)) return Refused(ChargerCommandError.OutOfLimits, $"{phases} phases: a KEBA charges on 1 or 3");
        if (!_options.PhaseSwitching)
            return Refused(ChargerCommandError.OutOfLimits, "this KEBA is set up without phase switching (PhaseSwitching: false)");
        await _gate.WaitAsync(ct);
        try
        {
            if (!_phaseSourceSet) await _modbus.WriteSingleRegisterAsync(R.PhaseSwitchSource, R.PhaseSwitchSourceModbus, ct);
            _phaseSourceSet = true;
            await _modbus.WriteSingleRegisterAsync(R.PhaseSwitch, phases == 3 ? (ushort)1 : (ushort)0, ct);
            return ChargerCommandResult.Done(await PollAsync(ct));
        }
        catch (ModbusException e)
        {
            return await FailedAsync($"the switch to {phases} phases", e, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes control (failsafe current and timeout) and writes the current and enable; <paramref name="amperes"/>
    /// null disables the station.</summary>
    private async Task<ChargerCommandResult> CommandAsync(int? amperes, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_feed.Status.State == ChargerState.Unknown || !_feed.Status.Reachable) await PollAsync(ct);
            if (!_feed.Status.Reachable) return Refused(ChargerCommandError.Communication, _feed.Status.FaultReason ?? "the KEBA does not answer");
            if (amperes is not null && _feed.Status.CarConnected == false) return Refused(ChargerCommandError.NoCar, "no car is connected");
            if (!_controlled)
            {
                await _modbus.WriteSingleRegisterAsync(R.FailsafeCurrent, (ushort)(_options.FailsafeCurrentA * 1000), ct);
                await _modbus.WriteSingleRegisterAsync(R.FailsafeTimeout, (ushort)_options.FailsafeTimeout.TotalSeconds, ct);
                _controlled = true;
            }
            if (amperes is { } a) await _modbus.WriteSingleRegisterAsync(R.SetChargingCurrent, (ushort)(a * 1000), ct);
            await _modbus.WriteSingleRegisterAsync(R.EnableStation, amperes is null ? (ushort)0 : (ushort)1, ct);
            _setCurrentA = amperes;
            return ChargerCommandResult.Done(await PollAsync(ct));
        }
        catch (ModbusException e)
        {
            return await FailedAsync(amperes is { } a ? $"charging at {a} A" : "the stop", e, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-writes the failsafe timeout, writes the failsafe current again when the station no longer holds it (it
    /// was restarted), reads the station, and writes the set current again when the station applies another one (it
    /// fell back to the failsafe current, or was restarted). Returns the problem when the station did not take a write.</summary>
    private async Task<string?> HeartbeatAsync(CancellationToken ct)
    {
        try
        {
            await _modbus.WriteSingleRegisterAsync(R.FailsafeTimeout, (ushort)_options.FailsafeTimeout.TotalSeconds, ct);
            var failsafeMa = (uint)(_options.FailsafeCurrentA * 1000);
            if (await ReadAsync(R.FailsafeCurrentSetting, ct) != failsafeMa)
            {
                _logger.LogInformation("KEBA {Charger} lost its failsafe current: writing {Failsafe} A again", _options, _options.FailsafeCurrentA);
                await _modbus.WriteSingleRegisterAsync(R.FailsafeCurrent, (ushort)failsafeMa, ct);
            }
            await PollAsync(ct);
            if (_setCurrentA is not { } amperes || _reading is not { } reading || Math.Abs(reading.MaxChargingCurrentA - amperes) < 0.05) return null;
            _logger.LogInformation("KEBA {Charger} applies {Applied} A instead of {Set} A: writing the set current again", _options, reading.MaxChargingCurrentA, amperes);
            await _modbus.WriteSingleRegisterAsync(R.SetChargingCurrent, (ushort)(amperes * 1000), ct);
            await PollAsync(ct);
            return null;
        }
        catch (ModbusException e)
        {
            return e.Message;
        }
    }

    private async Task<ChargerCommandResult> FailedAsync(string command, ModbusException e, CancellationToken ct)
    {
        _logger.LogWarning("KEBA {Charger} did not take {Command}: {Problem}", _options, command, e.Message);
        var status = await PollAsync(ct);
        return ChargerCommandResult.Refused(ChargerCommandError.Communication, $"{command} was not taken: {e.Message}", status);
    }

    private async Task<ChargerStatus> PollAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        try
        {
            _identity ??= (await ReadAsync(R.Serial, ct), await ReadAsync(R.Product, ct), await ReadAsync(R.Firmware, ct));
            var reading = new KebaReading(
                (int)await ReadAsync(R.ChargingState, ct),
                (int)await ReadAsync(R.CableState, ct),
                await ReadAsync(R.ErrorCode, ct),
                [await ReadAsync(R.CurrentL1, ct) / 1000.0, await ReadAsync(R.CurrentL2, ct) / 1000.0, await ReadAsync(R.CurrentL3, ct) / 1000.0],
                Power.FromWatts(await ReadAsync(R.ActivePower, ct) / 1000.0),
                Energy.FromWattHours(await ReadAsync(R.TotalEnergy, ct) / 10.0),
                [await ReadAsync(R.VoltageL1, ct), await ReadAsync(R.VoltageL2, ct), await ReadAsync(R.VoltageL3, ct)],
                await ReadAsync(R.MaxChargingCurrent, ct) / 1000.0,
                await ReadAsync(R.MaxSupportedCurrent, ct) / 1000.0,
                _options.PhaseSwitching ? (await ReadAsync(R.PhaseSwitchState, ct) == 1 ? 3 : 1) : null);
            if (_feed.Status is { Reachable: false, State: not ChargerState.Unknown }) _logger.LogInformation("KEBA {Charger} answers again", _options);
            _reading = reading;
            _lastAnswer = now;
            return _feed.Publish(reading.ToStatus(now));
        }
        catch (ModbusException e)
        {
            if (_feed.Status.Reachable || _feed.Status.State == ChargerState.Unknown) _logger.LogWarning("KEBA {Charger} cannot be read: {Problem}", _options, e.Message);
            return _feed.Publish(Unreachable(now, e.Message));
        }
    }

    /// <summary>One UINT32 value: KEBA answers two registers per request, high word first.</summary>
    private async Task<uint> ReadAsync(ushort address, CancellationToken ct) => RegisterWords.UInt32(await _modbus.ReadHoldingRegistersAsync(address, 2, ct));

    private ChargerStatus Unreachable(DateTimeOffset now, string reason) => ChargerSilence.Unreachable(_feed.Status, now, _lastAnswer, _options.FaultAfter, reason);

    private ChargerCommandResult Refused(ChargerCommandError error, string reason) => ChargerCommandResult.Refused(error, reason, _feed.Status);

    public async ValueTask DisposeAsync()
    {
        if (!await _feed.StopAsync()) return;
        await _modbus.DisposeAsync();
        _gate.Dispose();
    }
}
